import { afterEach, describe, expect, it } from 'vitest';
import type { StationCore } from '../../main/core/station-core';
import { auditActions, newDataDir, PIN, stationWithStore, WRONG } from './operator-lock-support';

// Finding 8: lock:set-pin and lock:clear-pin checked the current PIN with no limit and no audit,
// and refusals during the wait were not audited.
let core: StationCore | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

const refusals = (station: StationCore) => auditActions(station).filter((entry) => entry.action === 'unlock-failed');

describe('attacker brute-forces the current PIN through the PIN settings', () => {
  it('lock:clear-pin: five wrong tries, then even the right PIN waits; every try is in the audit log', async () => {
    core = stationWithStore(newDataDir());
    await core.dispatch('lock:set-pin', { pin: PIN });
    for (let i = 0; i < 5; i += 1) expect(await core.dispatch('lock:clear-pin', { currentPin: WRONG })).toMatchObject({ ok: false, error: { code: 'pin-refused' } });
    const blocked = await core.dispatch('lock:clear-pin', { currentPin: PIN });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'pin-refused', message: expect.stringMatching(/try again in \d+ s/) } });
    expect(core.status.get().pinSet).toBe(true);
    expect(refusals(core).map((entry) => entry.details)).toEqual([
      ...[1, 2, 3, 4, 5].map((failures) => ({ operation: 'lock:clear-pin', refusal: 'wrong-pin', failures })),
      { operation: 'lock:clear-pin', refusal: 'wait', failures: 5 },
    ]);
  });

  it('lock:set-pin shares the count and the wait with unlocking', async () => {
    core = stationWithStore(newDataDir());
    await core.dispatch('lock:set-pin', { pin: PIN });
    for (let i = 0; i < 3; i += 1) expect(await core.dispatch('lock:set-pin', { pin: '1111', currentPin: WRONG })).toMatchObject({ ok: false, error: { code: 'pin-refused' } });
    await core.dispatch('lock:engage', { reason: 'operator' });
    for (let i = 0; i < 2; i += 1) await core.dispatch('lock:release', { pin: WRONG });
    expect(await core.dispatch('lock:release', { pin: PIN })).toMatchObject({ ok: false, error: { code: 'pin-refused', details: { retryAfterMs: expect.stringMatching(/^[1-9]\d*$/) } } });
    expect(refusals(core).map((entry) => [entry.details.operation, entry.details.refusal])).toEqual([
      ['lock:set-pin', 'wrong-pin'],
      ['lock:set-pin', 'wrong-pin'],
      ['lock:set-pin', 'wrong-pin'],
      ['lock:release', 'wrong-pin'],
      ['lock:release', 'wrong-pin'],
      ['lock:release', 'wait'],
    ]);
  });

  it('a refused change leaves the old PIN in place', async () => {
    core = stationWithStore(newDataDir());
    await core.dispatch('lock:set-pin', { pin: PIN });
    expect(await core.dispatch('lock:set-pin', { pin: '1111' })).toMatchObject({ ok: false, error: { code: 'pin-refused' } });
    expect(await core.dispatch('lock:set-pin', { pin: '1111', currentPin: WRONG })).toMatchObject({ ok: false, error: { code: 'pin-refused' } });
    await core.dispatch('lock:engage', { reason: 'operator' });
    expect(await core.dispatch('lock:release', { pin: '1111' })).toMatchObject({ ok: false });
    expect(await core.dispatch('lock:release', { pin: PIN })).toEqual({ ok: true, value: true });
  });
});
