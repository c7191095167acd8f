import { describe, expect, it } from 'vitest';
import { createWebBridge, takePageSecret, type StationProbe } from '../../preload/web';

const SECRET = 'p'.repeat(43);

/** A WebSocket stand-in the test drives: it records sends and lets the test open, answer or close. */
class FakeSocket extends EventTarget {
  readonly sent: Array<Record<string, unknown>> = [];
  constructor(readonly protocols: string[] = []) {
    super();
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  open() {
    this.dispatchEvent(new Event('open'));
  }
  receive(frame: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }
  close(code: number) {
    this.dispatchEvent(new CloseEvent('close', { code }));
  }
}

function setup(options: { pageSecret?: string | null; opens?: boolean; probe?: StationProbe } = {}) {
  const sockets: FakeSocket[] = [];
  let ended = 0;
  const bridge = createWebBridge('ws://127.0.0.1:1/bridge', {
    pageSecret: options.pageSecret === undefined ? SECRET : options.pageSecret,
    makeSocket: (_url, protocols) => {
      const socket = new FakeSocket(protocols);
      sockets.push(socket);
      // A refused upgrade: the browser reports only a close (1006), never the HTTP status.
      queueMicrotask(() => (options.opens === false ? socket.close(1006) : socket.open()));
      return socket as unknown as WebSocket;
    },
    probe: options.probe ?? (() => Promise.resolve('unreachable')),
    onSessionEnded: () => (ended += 1),
  });
  return { bridge, sockets, ended: () => ended };
}

/** location, sessionStorage and history as a freshly redirected page sees them. */
function pageAt(hash: string, stored: string | null = null) {
  const values = new Map<string, string>(stored === null ? [] : [['station-page-secret', stored]]);
  const storage = { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) } as Storage;
  const addressBar: string[] = [];
  const history = { state: null, replaceState: (_state: unknown, _title: string, url: string) => void addressBar.push(url) } as unknown as History;
  const location = { hash, pathname: '/', search: '' } as Location;
  return { location, storage, history, addressBar, values };
}

describe('web bridge', () => {
  it('sends an invoke frame and resolves with the matching result', async () => {
    const { bridge, sockets } = setup();
    const pending = bridge.invoke('settings:update', { language: 'fr' });
    await Promise.resolve();
    await Promise.resolve();
    const frame = sockets[0]!.sent[0]!;
    expect(frame).toEqual({ kind: 'invoke', id: 1, operation: 'settings:update', payload: { language: 'fr' } });
    sockets[0]!.receive({ kind: 'result', id: 1, result: { ok: true, value: { language: 'fr' } } });
    await expect(pending).resolves.toEqual({ ok: true, value: { language: 'fr' } });
  });

  it('delivers events to listeners of that event only', async () => {
    const { bridge, sockets } = setup();
    const seen: unknown[] = [];
    bridge.on('settings:changed', (payload) => seen.push(payload));
    await Promise.resolve();
    sockets[0]!.receive({ kind: 'event', event: 'status:changed', payload: { x: 1 } });
    sockets[0]!.receive({ kind: 'event', event: 'settings:changed', payload: { language: 'ar' } });
    expect(seen).toEqual([{ language: 'ar' }]);
  });

  it('fails pending calls with a specific error when the station goes away', async () => {
    const { bridge, sockets } = setup();
    const pending = bridge.invoke('status:get');
    await Promise.resolve();
    await Promise.resolve();
    sockets[0]!.close(1006);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'bridge-unavailable' } });
  });

  it('reports an oversized request as such', async () => {
    const { bridge, sockets } = setup();
    const pending = bridge.invoke('status:get');
    await Promise.resolve();
    await Promise.resolve();
    sockets[0]!.close(1009);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'message-too-large' } });
  });

  it('presents the page secret as a subprotocol next to the bridge protocol', async () => {
    const { bridge, sockets } = setup();
    void bridge.invoke('status:get');
    await Promise.resolve();
    expect(sockets[0]!.protocols).toEqual(['progeny-station.v1', `station-page.${SECRET}`]);
  });

  it('without a page secret: says the session has ended and never opens a socket', async () => {
    const { bridge, sockets } = setup({ pageSecret: null });
    await expect(bridge.invoke('status:get')).resolves.toMatchObject({ ok: false, error: { code: 'session-ended', message: expect.stringMatching(/newest “Open:” link/) } });
    expect(sockets).toHaveLength(0);
  });

  it('a socket the station closes because the session ended: session-ended, told once, no reconnect', async () => {
    const { bridge, sockets, ended } = setup();
    bridge.on('status:changed', () => {});
    const pending = bridge.invoke('status:get');
    await Promise.resolve();
    await Promise.resolve();
    sockets[0]!.close(4401);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'session-ended' } });
    await expect(bridge.invoke('status:get')).resolves.toMatchObject({ ok: false, error: { code: 'session-ended' } });
    await new Promise((done) => setTimeout(done, 400));
    expect(sockets).toHaveLength(1);
    expect(ended()).toBe(1);
  });

  it('a refused upgrade: session-ended when the station still answers, unavailable when it is gone', async () => {
    const refused = setup({ opens: false, probe: () => Promise.resolve('answering') });
    await expect(refused.bridge.invoke('status:get')).resolves.toMatchObject({ ok: false, error: { code: 'session-ended' } });
    expect(refused.ended()).toBe(1);
    const stopped = setup({ opens: false, probe: () => Promise.resolve('unreachable') });
    await expect(stopped.bridge.invoke('status:get')).resolves.toMatchObject({ ok: false, error: { code: 'bridge-unavailable' } });
    expect(stopped.ended()).toBe(0);
  });

  it('moves the page secret from the fragment to sessionStorage and out of the address bar', () => {
    const page = pageAt(`#s=${SECRET}`);
    expect(takePageSecret(page.location, page.storage, page.history)).toBe(SECRET);
    expect(page.addressBar).toEqual(['/']);
    expect(page.values.get('station-page-secret')).toBe(SECRET);
    // A reload of the same tab finds it in sessionStorage.
    const reloaded = pageAt('', SECRET);
    expect(takePageSecret(reloaded.location, reloaded.storage, reloaded.history)).toBe(SECRET);
    expect(reloaded.addressBar).toEqual([]);
  });

  it('ignores a malformed secret and a tab without one', () => {
    const page = pageAt('#s=short"injected');
    expect(takePageSecret(page.location, page.storage, page.history)).toBeNull();
    expect(page.addressBar).toEqual(['/']);
    const bare = pageAt('');
    expect(takePageSecret(bare.location, bare.storage, bare.history)).toBeNull();
  });

  it('refuses to subscribe to an event outside the contract', () => {
    const { bridge } = setup();
    expect(() => (bridge.on as (e: string, l: () => void) => void)('fs:read', () => {})).toThrow(/not an event/);
  });
});
