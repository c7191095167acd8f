import { beforeAll, describe, expect, it } from 'vitest';
import type { StationApi } from '../../common/contract';
import { contextBridge, ipcRenderer, resetElectronMock } from '../mocks/electron';

let station: StationApi;
beforeAll(async () => {
  resetElectronMock();
  await import('../../preload/electron');
  station = contextBridge.exposed.get('station') as StationApi;
});

describe('Electron preload', () => {
  it('exposes only window.station, with invoke and on', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['station']);
    expect(Object.keys(station).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract operations to ipcRenderer.invoke on their own channel', async () => {
    await station.invoke('settings:update', { language: 'fr' });
    expect(ipcRenderer.invocations).toEqual([{ channel: 'settings:update', payload: { language: 'fr' } }]);
  });

  it('refuses an operation outside the contract without touching IPC', async () => {
    ipcRenderer.invocations = [];
    const result = await (station.invoke as (op: string) => Promise<unknown>)('shell:open');
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    expect(ipcRenderer.invocations).toEqual([]);
  });

  it('subscribes to contract events only, and unsubscribes', () => {
    const seen: unknown[] = [];
    const stop = station.on('settings:changed', (payload) => seen.push(payload));
    for (const listener of ipcRenderer.listeners.get('settings:changed')!) listener({}, { language: 'ar' });
    expect(seen).toEqual([{ language: 'ar' }]);
    stop();
    expect(ipcRenderer.listeners.get('settings:changed')!.size).toBe(0);
    expect(() => (station.on as (e: string, l: () => void) => void)('ipc:anything', () => {})).toThrow(/not an event/);
  });
});
