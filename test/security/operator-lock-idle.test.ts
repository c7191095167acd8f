import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StationCore } from '../../main/core/station-core';
import { newDataDir, signedInStation } from './operator-lock-support';

// Finding 7: the idle timer lived only in the page; a page closed (or frozen, or kept polling)
// left the station unlocked for ever. With operator accounts the idle lock ends the session.
let core: StationCore | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
  vi.useRealTimers();
});

const FAKE: Parameters<typeof vi.useFakeTimers>[0] = { toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] };

describe('main enforces the idle lock', () => {
  it('signs the operator out after the idle period although a page keeps polling status and the queue', async () => {
    vi.useFakeTimers(FAKE);
    core = await signedInStation(newDataDir());
    expect(await core.dispatch('settings:update', { idleLockMinutes: 1 })).toMatchObject({ ok: true });
    for (let second = 0; second < 70; second += 5) {
      await core.dispatch('status:get', undefined);
      await core.dispatch('queue:list', undefined);
      await vi.advanceTimersByTimeAsync(5_000);
    }
    expect(core.status.get()).toMatchObject({ locked: true, operator: null });
    expect(await core.dispatch('history:search', {})).toMatchObject({ ok: false, error: { code: 'station-locked' } });
    expect(
      core
        .store!.audit.list()
        .filter((entry) => entry.action === 'lock')
        .map((entry) => [entry.actor, entry.details]),
    ).toEqual([['Ana Admin', { reason: 'idle' }]]);
  });

  it('stays signed in while the operator works, locks one period after the last input, and input cannot unlock', async () => {
    vi.useFakeTimers(FAKE);
    core = await signedInStation(newDataDir());
    await core.dispatch('settings:update', { idleLockMinutes: 1 });
    for (let i = 0; i < 8; i += 1) {
      expect(await core.dispatch('lock:activity', undefined)).toEqual({ ok: true, value: true });
      await vi.advanceTimersByTimeAsync(20_000);
    }
    expect(core.status.get().locked).toBe(false);
    await vi.advanceTimersByTimeAsync(40_001);
    expect(core.status.get().locked).toBe(true);
    expect(await core.dispatch('lock:activity', undefined)).toMatchObject({ ok: false, error: { code: 'station-locked' } });
    expect(core.status.get().locked).toBe(true);
  });

  it('0 minutes turns the idle lock off', async () => {
    vi.useFakeTimers(FAKE);
    core = await signedInStation(newDataDir());
    await core.dispatch('settings:update', { idleLockMinutes: 0 });
    await vi.advanceTimersByTimeAsync(6 * 60 * 60_000);
    expect(core.status.get().locked).toBe(false);
  });
});
