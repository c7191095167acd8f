import { describe, expect, it } from 'vitest';
import { createWebBridge } from '../../preload/web';

/** A WebSocket stand-in the test drives: it records sends and lets the test open, answer or close. */
class FakeSocket extends EventTarget {
  readonly sent: Array<Record<string, unknown>> = [];
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

function setup() {
  const sockets: FakeSocket[] = [];
  const bridge = createWebBridge('ws://127.0.0.1:1/bridge', () => {
    const socket = new FakeSocket();
    sockets.push(socket);
    queueMicrotask(() => socket.open());
    return socket as unknown as WebSocket;
  });
  return { bridge, sockets };
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

  it('refuses to subscribe to an event outside the contract', () => {
    const { bridge } = setup();
    expect(() => (bridge.on as (e: string, l: () => void) => void)('fs:read', () => {})).toThrow(/not an event/);
  });
});
