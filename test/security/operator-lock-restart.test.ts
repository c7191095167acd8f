import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ATTEMPTS_FILE, createOperatorLock, MAX_WAIT_MS } from '../../main/core/operator-lock';
import type { StationCore } from '../../main/core/station-core';
import { passphraseWrapper } from '../../main/core/store/keyring';
import { openStore } from '../../main/core/store/open-store';
import { newDataDir, PASSPHRASE, PIN, stationWithoutKey, stationWithStore, WRONG } from './operator-lock-support';

// Finding 1: the lock, the failure count and the wait lived in memory; Alt+F4 and a relaunch
// opened the history, and every restart gave five more guesses.
const cores: StationCore[] = [];
const track = (core: StationCore) => (cores.push(core), core);
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('attacker restarts the station to get past the operator lock', () => {
  it('a station with a PIN starts locked and keeps personal data behind the lock', async () => {
    const dataDir = newDataDir();
    const first = track(stationWithStore(dataDir));
    expect(await first.dispatch('lock:set-pin', { pin: PIN })).toEqual({ ok: true, value: true });
    await first.close();
    cores.splice(0);

    const second = track(stationWithStore(dataDir));
    expect(second.status.get()).toMatchObject({ locked: true, pinSet: true });
    expect(await second.dispatch('history:search', {})).toMatchObject({ ok: false, error: { code: 'station-locked' } });
    expect(await second.dispatch('lock:release', {})).toMatchObject({ ok: false, error: { code: 'pin-refused' } });
    expect(await second.dispatch('lock:release', { pin: PIN })).toEqual({ ok: true, value: true });
  });

  it('five wrong PINs, restart, five more: the second station is still in its wait and refuses even the right PIN', async () => {
    const dataDir = newDataDir();
    const first = track(stationWithStore(dataDir));
    await first.dispatch('lock:set-pin', { pin: PIN });
    await first.dispatch('lock:engage', { reason: 'operator' });
    for (let i = 0; i < 5; i += 1) expect(await first.dispatch('lock:release', { pin: WRONG })).toMatchObject({ ok: false, error: { code: 'pin-refused' } });
    // The count is on disk, sealed: the PIN's digits and the count are not readable there.
    expect(readFileSync(join(dataDir, ATTEMPTS_FILE)).includes(Buffer.from('failures'))).toBe(false);
    await first.close();
    cores.splice(0);

    const second = track(stationWithStore(dataDir));
    expect(second.status.get().locked).toBe(true);
    const refused = await second.dispatch('lock:release', { pin: PIN });
    expect(refused).toMatchObject({ ok: false, error: { code: 'pin-refused', message: expect.stringMatching(/try again in \d+ s/) } });
    expect(refused.ok ? 0 : Number(refused.error.details?.retryAfterMs)).toBeGreaterThan(20_000);
    expect(await second.dispatch('queue:list', undefined)).toMatchObject({ ok: false, error: { code: 'station-locked' } });
  });

  it('a web station whose store is not open yet shows locked, and no PIN or empty release gets past it', async () => {
    const dataDir = newDataDir();
    const first = track(stationWithStore(dataDir));
    await first.dispatch('lock:set-pin', { pin: PIN });
    await first.close();
    cores.splice(0);

    const web = track(stationWithoutKey(dataDir));
    expect(web.status.get()).toMatchObject({ store: 'locked', locked: true, pinSet: true });
    expect(await web.dispatch('lock:release', {})).toMatchObject({ ok: false });
    expect(await web.dispatch('lock:release', { pin: WRONG })).toMatchObject({ ok: false, error: { code: 'store-locked' } });
    expect(await web.dispatch('settings:update', { idleLockMinutes: 0 })).toMatchObject({ ok: false, error: { code: 'station-locked' } });
    expect(web.status.get().locked).toBe(true);
    // The passphrase opens the data key, which shows nothing by itself; the PIN is still needed.
    expect(await web.dispatch('store:unlock', { passphrase: PASSPHRASE })).toEqual({ ok: true, value: true });
    expect(await web.dispatch('history:search', {})).toMatchObject({ ok: false, error: { code: 'station-locked' } });
    expect(await web.dispatch('lock:release', { pin: PIN })).toEqual({ ok: true, value: true });
  });

  it('a clock set back (or a far-future wait on disk) never blocks longer than the longest wait', () => {
    const dataDir = newDataDir();
    const store = openStore(dataDir, passphraseWrapper(PASSPHRASE, { N: 2 ** 14, r: 8, p: 1 }));
    // A first run whose clock was ten years ahead records a wait ending then.
    const future = Date.now() + 10 * 365 * 24 * 3_600_000;
    const ahead = createOperatorLock({ dataDir, now: () => future, onChange: () => undefined });
    expect(ahead.setPin(PIN, undefined, store)).toEqual({ ok: true });
    for (let i = 0; i < 5; i += 1) ahead.release(WRONG, store);
    // The next run has the right time: the wait is capped, then it ends.
    let now = Date.now();
    const later = createOperatorLock({ dataDir, now: () => now, onChange: () => undefined });
    const waiting = later.release(PIN, store);
    expect(waiting).toMatchObject({ ok: false, reason: 'wait' });
    expect((waiting as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(MAX_WAIT_MS);
    now += MAX_WAIT_MS + 1;
    expect(later.release(PIN, store)).toEqual({ ok: true });
    store.close();
  });
});
