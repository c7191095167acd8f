/**
 * Finding 11 (issue 12), as the attacker in a compromised renderer: send main a message far larger
 * than any real request, or nested deeper than the validator can walk, to exhaust main's memory or
 * stack. The WebSocket refuses such frames by size; Electron IPC must refuse them before dispatching.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_BRIDGE_MESSAGE_BYTES, type StationApi } from '../../common/contract';
import { ok } from '../../common/result';
import { registerBridgeHandlers } from '../../main/hosts/electron/ipc';
import { contextBridge, ipcMain, ipcRenderer, resetElectronMock } from '../mocks/electron';

const ourFrame = { url: 'station://app/index.html', parent: null };
const dispatch = vi.fn((_operation: unknown, _payload: unknown) => Promise.resolve(ok(true)));
const invokeMain = (operation: string, payload: unknown) => ipcMain.handlers.get(operation)!({ senderFrame: ourFrame }, payload);

/** A submit whose one image is `bytes` long once base64-encoded: what a real oversized request looks like. */
const submitOf = (base64Length: number) => ({ service: 'face_liveness', files: { image: { filename: 'x.jpg', contentType: 'image/jpeg', data: 'A'.repeat(base64Length) } }, fields: {} });
const nested = (levels: number) => {
  let value: unknown = [];
  for (let i = 0; i < levels; i += 1) value = [value];
  return value;
};

describe('Electron IPC size cap in main (finding 11)', () => {
  beforeEach(() => {
    resetElectronMock();
    dispatch.mockClear();
    registerBridgeHandlers(dispatch);
  });

  it('refuses a request larger than MAX_BRIDGE_MESSAGE_BYTES before the handler runs', async () => {
    await expect(invokeMain('verification:submit', submitOf(MAX_BRIDGE_MESSAGE_BYTES + 1))).resolves.toMatchObject({ ok: false, error: { code: 'message-too-large' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('counts binary, multi-byte text and many small parts, not just one long string', async () => {
    await expect(invokeMain('settings:update', { blob: new Uint8Array(MAX_BRIDGE_MESSAGE_BYTES + 1) })).resolves.toMatchObject({ error: { code: 'message-too-large' } });
    await expect(invokeMain('settings:update', { text: '€'.repeat(Math.ceil(MAX_BRIDGE_MESSAGE_BYTES / 3) + 1) })).resolves.toMatchObject({ error: { code: 'message-too-large' } });
    await expect(
      invokeMain(
        'history:search',
        Array.from({ length: 3_000_000 }, () => ({ a: 'xxxxxxxx' })),
      ),
    ).resolves.toMatchObject({ error: { code: 'message-too-large' } });
    // A sparse array claims a billion elements without holding them: refused without visiting them.
    await expect(invokeMain('history:search', new Array(1_000_000_000))).resolves.toMatchObject({ error: { code: 'message-too-large' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses 100,000 nested arrays without overflowing the stack', async () => {
    await expect(invokeMain('settings:update', nested(100_000))).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('survives a cyclic value (structured clone can carry one) and passes real requests through', async () => {
    const cyclic: Record<string, unknown> = { language: 'fr' };
    cyclic.self = cyclic;
    await invokeMain('settings:update', cyclic);
    await invokeMain('verification:submit', submitOf(Math.ceil((20 * 1024 * 1024) / 3) * 4));
    expect(dispatch).toHaveBeenCalledTimes(2);
  });
});

describe('Electron preload size cap (finding 11)', () => {
  let station: StationApi;
  beforeAll(async () => {
    resetElectronMock();
    await import('../../preload/electron');
    station = contextBridge.exposed.get('station') as StationApi;
  });

  it('refuses an oversized request without sending it to main', async () => {
    ipcRenderer.invocations = [];
    const result = await station.invoke('verification:submit', submitOf(MAX_BRIDGE_MESSAGE_BYTES + 1) as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'message-too-large' } });
    expect(ipcRenderer.invocations).toEqual([]);
  });
});
