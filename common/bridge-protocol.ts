/**
 * Frames of the web station's WebSocket bridge. The Electron transport needs no framing (IPC
 * channels carry the operation name); this is the same contract expressed as messages.
 */

export interface InvokeFrame {
  kind: 'invoke';
  id: number;
  operation: string;
  payload?: unknown;
}

export type ServerFrame =
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'event'; event: string; payload: unknown }
  /** A frame that could not be read at all, so there is no id to answer. */
  | { kind: 'protocol-error'; message: string };

export const BRIDGE_PATH = '/bridge';
export const WEB_BRIDGE_SCRIPT = 'web-bridge.js';

/**
 * The page presents its session's page secret when it opens the bridge, as a second WebSocket
 * subprotocol next to the bridge's own (browsers let a page set no other header on a WebSocket).
 * The station answers with the bridge's protocol only, never echoing the secret.
 */
export const BRIDGE_SUBPROTOCOL = 'progeny-station.v1';
export const PAGE_SECRET_SUBPROTOCOL_PREFIX = 'station-page.';
/** 32 random bytes, base64url: also a valid subprotocol token. */
export const PAGE_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** The launch redirect hands the page secret over as `/#s=<secret>`. */
export const PAGE_SECRET_FRAGMENT_KEY = 's';
/** The station closes a bridge socket with this code when its session has ended. */
export const SESSION_ENDED_CLOSE_CODE = 4401;
/** Dispatched on `window` by the web bridge when the page's session has ended, so the app can say so. */
export const SESSION_ENDED_EVENT = 'station-session-ended';
