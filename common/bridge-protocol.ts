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
