import { afterEach, describe, expect, it } from 'vitest';
import { MAX_WAIT_MS, openLocalDirectory } from '../../main/core/accounts/local-directory';
import type { StationCore } from '../../main/core/station-core';
import { ADMIN, createAdmin, newDataDir, PASSPHRASE, PIN, stationWithoutKey, stationWithStore, WRONG } from './operator-lock-support';

// Finding 1: the lock, the failure count and the wait lived in memory; Alt+F4 and a relaunch
// opened the history, and every restart gave five more guesses. Now per operator account.
const cores: StationCore[] = [];
const track = (core: StationCore) => (cores.push(core), core);
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('attacker restarts the station to get past the sign-in', () => {
  it('a restarted station signs nobody in and keeps personal data behind "Who is working?"', async () => {
    const dataDir = newDataDir();
    const first = track(stationWithStore(dataDir));
    await createAdmin(first);
    expect(first.status.get()).toMatchObject({ locked: false, operator: { name: ADMIN, role: 'administrator' } });
    await first.close();
    cores.splice(0);

    const second = track(stationWithStore(dataDir));
    expect(second.status.get()).toMatchObject({ locked: true, operator: null, accounts: 'ready' });
    expect(await second.dispatch('history:search', {})).toMatchObject({ ok: false, error: { code: 'station-locked' } });
    expect(await second.dispatch('account:create-first', { name: 'Mallory', secret: '999999' })).toMatchObject({ ok: false });
    expect(await second.dispatch('account:sign-in', { name: ADMIN, secret: PIN })).toMatchObject({ ok: true });
  });

  it('five wrong secrets, restart, and the second station is still in its wait: even the right secret is refused', async () => {
    const dataDir = newDataDir();
    const first = track(stationWithStore(dataDir));
    await createAdmin(first);
    await first.dispatch('lock:engage', { reason: 'operator' });
    for (let i = 0; i < 5; i += 1) expect(await first.dispatch('account:sign-in', { name: ADMIN, secret: WRONG })).toMatchObject({ ok: false, error: { code: 'sign-in-refused' } });
    // The count is in the store, sealed: nothing of it is readable in the database.
    const raw = first.store!.database.db.prepare("SELECT value FROM store_meta WHERE key = 'account-attempts'").pluck().get() as Buffer;
    expect(raw.includes(Buffer.from('failures'))).toBe(false);
    await first.close();
    cores.splice(0);

    const second = track(stationWithStore(dataDir));
    expect(second.status.get().locked).toBe(true);
    const refused = await second.dispatch('account:sign-in', { name: ADMIN, secret: PIN });
    expect(refused).toMatchObject({ ok: false, error: { code: 'sign-in-refused', message: expect.stringMatching(/try again in \d+ s/) } });
    expect(refused.ok ? 0 : Number(refused.error.details?.retryAfterMs)).toBeGreaterThan(20_000);
    expect(await second.dispatch('queue:list', undefined)).toMatchObject({ ok: false, error: { code: 'station-locked' } });
  });

  it('a web station whose store is not open yet shows locked, and no sign-in gets past it without the passphrase', async () => {
    const dataDir = newDataDir();
    const first = track(stationWithStore(dataDir));
    await createAdmin(first);
    await first.close();
    cores.splice(0);

    const web = track(stationWithoutKey(dataDir));
    expect(web.status.get()).toMatchObject({ store: 'locked', locked: true, accounts: null });
    expect(await web.dispatch('account:sign-in', { name: ADMIN, secret: PIN })).toMatchObject({ ok: false, error: { code: 'store-locked' } });
    expect(await web.dispatch('account:create-first', { name: 'Mallory', secret: '999999' })).toMatchObject({ ok: false, error: { code: 'store-locked' } });
    expect(await web.dispatch('settings:update', { idleLockMinutes: 0 })).toMatchObject({ ok: false, error: { code: 'station-locked' } });
    // The passphrase opens the data key, which shows nothing by itself; signing in is still needed.
    expect(await web.dispatch('store:unlock', { passphrase: PASSPHRASE })).toEqual({ ok: true, value: true });
    expect(await web.dispatch('history:search', {})).toMatchObject({ ok: false, error: { code: 'station-locked' } });
    expect(await web.dispatch('account:create-first', { name: 'Mallory', secret: '999999' })).toMatchObject({ ok: false });
    expect(await web.dispatch('account:sign-in', { name: ADMIN, secret: PIN })).toMatchObject({ ok: true });
  });

  it('a clock set back (or a far-future wait in the store) never blocks longer than the longest wait', async () => {
    const dataDir = newDataDir();
    const core = track(stationWithStore(dataDir));
    await createAdmin(core);
    const store = core.store!;
    const fast = { N: 2 ** 10, r: 8, p: 1 };
    // A run whose clock was ten years ahead records a wait ending then.
    const future = Date.now() + 10 * 365 * 24 * 3_600_000;
    const ahead = openLocalDirectory(store, { now: () => future, scrypt: fast });
    for (let i = 0; i < 5; i += 1) ahead.authenticate(ADMIN, WRONG);
    // The next run has the right time: the wait is capped, then it ends.
    let now = Date.now();
    const later = openLocalDirectory(store, { now: () => now, scrypt: fast });
    const waiting = later.authenticate(ADMIN, PIN);
    expect(waiting).toMatchObject({ ok: false, reason: 'wait' });
    expect((waiting as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(MAX_WAIT_MS);
    now += MAX_WAIT_MS + 1;
    // The station's own directory hashes with the real cost: its record is checked with it.
    expect(openLocalDirectory(store, { now: () => now }).authenticate(ADMIN, PIN)).toMatchObject({ ok: true });
  });
});
