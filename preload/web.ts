/**
 * The web station's `window.station`: the same contract as the Electron preload, carried over a
 * WebSocket to the station process. Loaded by the web station before the app's own script.
 */
import { BRIDGE_PATH, type ServerFrame } from '../common/bridge-protocol';
import type { StationApi } from '../common/contract';
import { isEventName, type EventName } from '../common/contract-names';
import { fail, type Result } from '../common/result';

type Pending = (result: Result<unknown>) => void;

const UNAVAILABLE = 'The station is not reachable: it may have been stopped. Start it again and reload this page.';

export function createWebBridge(bridgeUrl: string, makeSocket: (url: string) => WebSocket = (url) => new WebSocket(url)): StationApi {
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket | null> | null = null;
  let retryDelay = 250;

  const settleAll = (result: Result<unknown>) => {
    for (const settle of pending.values()) settle(result);
    pending.clear();
  };

  const connect = (): Promise<WebSocket | null> => {
    opened ??= new Promise((resolve) => {
      const ws = makeSocket(bridgeUrl);
      ws.addEventListener('open', () => {
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
        resolve(null);
        // 1009: the station refused a message over the size limit and dropped the connection.
        settleAll(close.code === 1009 ? fail('message-too-large', 'That request was too large for the station to accept.') : fail('bridge-unavailable', UNAVAILABLE));
        // Reconnect only while someone is listening for events; invokes reconnect on demand.
        if (listeners.size > 0) {
          setTimeout(() => void connect(), retryDelay);
          retryDelay = Math.min(retryDelay * 2, 5000);
        }
      });
    });
    return opened;
  };

  return {
    async invoke(operation, ...args) {
      const ws = socket ?? (await connect());
      if (!ws) return fail('bridge-unavailable', UNAVAILABLE);
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

if (typeof window !== 'undefined' && !Object.hasOwn(window, 'station')) {
  const url = new URL(BRIDGE_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  Object.defineProperty(window, 'station', { value: Object.freeze(createWebBridge(url.href)), writable: false, configurable: false });
}
