/**
 * The web station's `window.station`: the same contract as the Electron preload, carried over a
 * WebSocket to the station process. Loaded by the web station before the app's own script.
 */
import {
  BRIDGE_PATH,
  BRIDGE_SUBPROTOCOL,
  PAGE_SECRET_FRAGMENT_KEY,
  PAGE_SECRET_PATTERN,
  PAGE_SECRET_SUBPROTOCOL_PREFIX,
  SESSION_ENDED_CLOSE_CODE,
  SESSION_ENDED_EVENT,
  type ServerFrame,
} from '../common/bridge-protocol';
import type { StationApi } from '../common/contract';
import { isEventName, type EventName } from '../common/contract-names';
import { fail, type Result } from '../common/result';

type Pending = (result: Result<unknown>) => void;

const UNAVAILABLE = 'The station is not reachable: it may have been stopped. Start it again and reload this page.';
export const SESSION_ENDED = 'This page’s session with the station has ended. Open the newest “Open:” link printed by the station (each link opens one page).';

/** Whether the station still answers HTTP at all: it refused the bridge, or it is gone. */
export type StationProbe = () => Promise<'answering' | 'unreachable'>;

export interface WebBridgeOptions {
  /** This page's secret for the bridge; null when the page was opened without a launch link. */
  pageSecret: string | null;
  makeSocket?: (url: string, protocols: string[]) => WebSocket;
  probe?: StationProbe;
  /** Told once when the session has ended, so the page can say so. */
  onSessionEnded?: () => void;
}

const probeStation: StationProbe = async () => {
  try {
    await fetch('/', { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
    return 'answering';
  } catch {
    return 'unreachable';
  }
};

export function createWebBridge(bridgeUrl: string, options: WebBridgeOptions): StationApi {
  const { pageSecret, makeSocket = (url, protocols) => new WebSocket(url, protocols), probe = probeStation, onSessionEnded } = options;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket | null> | null = null;
  let retryDelay = 250;
  // Once the session is gone nothing brings it back to this page: only a new launch link does.
  let sessionEnded = pageSecret === null;

  const settleAll = (result: Result<unknown>) => {
    for (const settle of pending.values()) settle(result);
    pending.clear();
  };

  const endSession = () => {
    if (!sessionEnded) {
      sessionEnded = true;
      onSessionEnded?.();
    }
    settleAll(fail('session-ended', SESSION_ENDED));
  };

  const connect = (): Promise<WebSocket | null> => {
    if (sessionEnded || pageSecret === null) return Promise.resolve(null);
    opened ??= new Promise((resolve) => {
      let wasOpen = false;
      // The page secret rides as a second subprotocol: a page can set no other header on a WebSocket.
      const ws = makeSocket(bridgeUrl, [BRIDGE_SUBPROTOCOL, `${PAGE_SECRET_SUBPROTOCOL_PREFIX}${pageSecret}`]);
      ws.addEventListener('open', () => {
        wasOpen = true;
        socket = ws;
        retryDelay = 250;
        resolve(ws);
      });
      ws.addEventListener('message', (message: MessageEvent) => {
        if (typeof message.data !== 'string') return;
        const frame = JSON.parse(message.data) as ServerFrame;
        if (frame.kind === 'result') {
          pending.get(frame.id)?.(frame.result as Result<unknown>);
          pending.delete(frame.id);
        } else if (frame.kind === 'event' && isEventName(frame.event)) {
          for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload as never);
        }
      });
      ws.addEventListener('close', (close: CloseEvent) => {
        socket = null;
        opened = null;
        const finish = (ended: boolean) => {
          resolve(null);
          if (ended) return endSession();
          // 1009: the station refused a message over the size limit and dropped the connection.
          settleAll(close.code === 1009 ? fail('message-too-large', 'That request was too large for the station to accept.') : fail('bridge-unavailable', UNAVAILABLE));
          // Reconnect only while someone is listening for events; invokes reconnect on demand.
          if (listeners.size > 0) {
            setTimeout(() => void connect(), retryDelay);
            retryDelay = Math.min(retryDelay * 2, 5000);
          }
        };
        if (close.code === SESSION_ENDED_CLOSE_CODE) return finish(true);
        // A refused upgrade looks like any lost connection to a page; a station that still answers
        // HTTP refused this page's session, one that does not is stopped.
        if (!wasOpen) return void probe().then((state) => finish(state === 'answering'));
        finish(false);
      });
    });
    return opened;
  };

  return {
    async invoke(operation, ...args) {
      const ws = socket ?? (await connect());
      if (!ws) return sessionEnded ? fail('session-ended', SESSION_ENDED) : fail('bridge-unavailable', UNAVAILABLE);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        ws.send(JSON.stringify({ kind: 'invoke', id, operation, payload: args[0] }));
      });
    },
    on(event, listener) {
      if (!isEventName(event)) throw new Error(`"${String(event)}" is not an event of this station.`);
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      void connect();
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(event);
      };
    },
  };
}

const PAGE_SECRET_STORAGE_KEY = 'station-page-secret';

/**
 * The launch redirect hands the page secret over in the fragment (`/#s=…`), which no server and no
 * other port ever sees. It moves to this tab's sessionStorage (kept across reloads, per origin and
 * per tab) and leaves the address bar, so it is not bookmarked, shared or shown.
 */
export function takePageSecret(location: Location, storage: Storage, history: History): string | null {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get(PAGE_SECRET_FRAGMENT_KEY);
  if (fromFragment !== null) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    if (PAGE_SECRET_PATTERN.test(fromFragment)) storage.setItem(PAGE_SECRET_STORAGE_KEY, fromFragment);
  }
  const stored = storage.getItem(PAGE_SECRET_STORAGE_KEY);
  return stored !== null && PAGE_SECRET_PATTERN.test(stored) ? stored : null;
}

if (typeof window !== 'undefined' && !Object.hasOwn(window, 'station')) {
  const url = new URL(BRIDGE_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const bridge = createWebBridge(url.href, {
    pageSecret: takePageSecret(window.location, window.sessionStorage, window.history),
    onSessionEnded: () => window.dispatchEvent(new Event(SESSION_ENDED_EVENT)),
  });
  Object.defineProperty(window, 'station', { value: Object.freeze(bridge), writable: false, configurable: false });
}
