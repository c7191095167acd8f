import { afterEach, describe, expect, it } from 'vitest';
import { callMain, onStationEvent } from '../../renderer/app/call-main';
import { createFakeStation } from './fake-station';

const install = (value: unknown) => Object.defineProperty(window, 'station', { configurable: true, value });

afterEach(() => {
  Reflect.deleteProperty(window, 'station');
});

describe('callMain: the renderer’s one way to call main', () => {
  it('passes the request to the host’s bridge and returns its answer', async () => {
    const station = createFakeStation();
    install(station);
    const result = await callMain('app:info');
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ capabilities: { systemNotifications: false } }) });
    expect(station.calls).toEqual([{ operation: 'app:info', payload: undefined }]);
  });

  it('turns a transport that throws into a failed Result instead of an unhandled rejection', async () => {
    install({
      invoke: () => Promise.reject(new Error('No handler registered for station:invoke')),
      on: () => () => undefined,
    });
    expect(await callMain('queue:list')).toEqual({ ok: false, error: { code: 'bridge-unavailable', message: 'No handler registered for station:invoke' } });
  });

  it('says the bridge is missing on a page opened without one, and listening there does nothing', async () => {
    const result = await callMain('status:get');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('bridge-unavailable');
    expect(() => onStationEvent('queue:changed', () => undefined)()).not.toThrow();
  });

  it('delivers main’s events until the listener is removed', () => {
    const station = createFakeStation();
    install(station);
    const seen: number[] = [];
    const stop = onStationEvent('queue:progress', ({ sent }) => seen.push(sent));
    station.emit('queue:progress', { id: 'a', sent: 1, total: 2 });
    stop();
    station.emit('queue:progress', { id: 'a', sent: 2, total: 2 });
    expect(seen).toEqual([1]);
  });

  it('is the only module in the renderer that touches window.station', () => {
    const sources = import.meta.glob<string>(['../../renderer/**/*.ts', '../../renderer/**/*.tsx'], { query: '?raw', import: 'default', eager: true });
    const touching = Object.entries(sources)
      .filter(([, text]) => /\b(window|globalThis|self)\s*(\.\s*station\b|\[\s*['"]station['"]\s*\])/.test(text))
      .map(([path]) => path.replace('../../', ''));
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(touching).toEqual(['renderer/app/call-main.ts']);
  });
});
