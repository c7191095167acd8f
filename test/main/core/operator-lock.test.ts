import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/core/logger';
import { createOperatorLock, PIN_FILE } from '../../../main/core/operator-lock';
import { createStationCore, type StationCore } from '../../../main/core/station-core';
import { passphraseWrapper } from '../../../main/core/store/keyring';
import { openStore } from '../../../main/core/store/open-store';

const FAST = { N: 2 ** 14, r: 8, p: 1 };
let core: StationCore | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

function unlockedCore() {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-lock-'));
  core = createStationCore({ dataDir, log: silentLogger, store: openStore(dataDir, passphraseWrapper('operator lock test', FAST)) });
  return { core, dataDir };
}

describe('operator lock through the core', () => {
  it('refuses personal data while locked and answers only what the lock screen needs', async () => {
    const { core } = unlockedCore();
    expect(await core.dispatch('lock:engage', { reason: 'idle' })).toEqual({ ok: true, value: true });
    expect(core.status.get()).toMatchObject({ locked: true, pinSet: false });
    for (const [operation, payload] of [['history:search', {}], ['queue:list', undefined], ['audit:list', { limit: 5 }], ['history:persons', undefined]] as const) {
      expect(await core.dispatch(operation, payload)).toMatchObject({ ok: false, error: { code: 'station-locked' } });
    }
    expect(await core.dispatch('status:get', undefined)).toMatchObject({ ok: true });
    expect(await core.dispatch('settings:get', undefined)).toMatchObject({ ok: true });
    // No PIN set: releasing is a privacy screen only.
    expect(await core.dispatch('lock:release', {})).toEqual({ ok: true, value: true });
    expect(await core.dispatch('history:search', {})).toMatchObject({ ok: true });
  });

  it('needs the PIN once one is set, rate-limits wrong ones and audits every attempt', async () => {
    const { core, dataDir } = unlockedCore();
    expect(await core.dispatch('lock:set-pin', { pin: '482913' })).toEqual({ ok: true, value: true });
    expect(readFileSync(join(dataDir, PIN_FILE)).includes(Buffer.from('482913'))).toBe(false);
    await core.dispatch('lock:engage', { reason: 'operator' });
    expect(await core.dispatch('lock:release', {})).toMatchObject({ ok: false, error: { code: 'pin-refused' } });
    for (let i = 0; i < 5; i += 1) expect(await core.dispatch('lock:release', { pin: '000000' })).toMatchObject({ ok: false, error: { code: 'pin-refused' } });
    // The fifth wrong PIN started a wait: even the right one is refused until it passes.
    const blocked = await core.dispatch('lock:release', { pin: '482913' });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'pin-refused', message: expect.stringMatching(/try again in \d+ s/) } });
    expect(core.status.get().locked).toBe(true);
    // Nothing else works while locked, not even changing the PIN.
    expect(await core.dispatch('lock:set-pin', { pin: '1234' })).toMatchObject({ ok: false, error: { code: 'station-locked' } });
    const audit = core.store!.audit.list().map((entry) => entry.action);
    // Five wrong PINs and the refusal during the wait: every attempt is in the log.
    expect(audit.filter((action) => action === 'unlock-failed')).toHaveLength(6);
    expect(audit).toContain('pin-change');
    expect(audit).toContain('lock');
    expect(await core.dispatch('lock:release', { pin: '12' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('waits 30 s after five wrong PINs, doubling, and resets after the right one', () => {
    let now = 1_000_000;
    const dataDir = mkdtempSync(join(tmpdir(), 'station-lock-unit-'));
    const store = openStore(dataDir, passphraseWrapper('operator lock unit', FAST));
    const lock = createOperatorLock({ dataDir, now: () => now, onChange: () => undefined });
    expect(lock.setPin('2468', undefined, store)).toEqual({ ok: true });
    expect(lock.setPin('1357', '0000', store)).toMatchObject({ ok: false, reason: 'wrong-pin', failures: 1 });
    // The right PIN resets the count that the wrong current PIN started.
    expect(lock.setPin('2468', '2468', store)).toEqual({ ok: true });
    lock.engage();
    for (let i = 0; i < 4; i += 1) expect(lock.release('1111', store)).toMatchObject({ ok: false, reason: 'wrong-pin', retryAfterMs: 0 });
    expect(lock.release('1111', store)).toMatchObject({ ok: false, reason: 'wrong-pin', retryAfterMs: 30_000 });
    expect(lock.release('2468', store)).toMatchObject({ ok: false, reason: 'wait' });
    now += 30_001;
    expect(lock.release('1111', store)).toMatchObject({ ok: false, reason: 'wrong-pin', retryAfterMs: 60_000 });
    now += 60_001;
    expect(lock.release('2468', store)).toEqual({ ok: true });
    expect(lock.locked).toBe(false);
    lock.engage();
    expect(lock.release('1111', store)).toMatchObject({ ok: false, retryAfterMs: 0 });
    expect(lock.clearPin('1111', store)).toMatchObject({ ok: false, reason: 'wrong-pin', failures: 2 });
    expect(lock.clearPin('2468', store)).toEqual({ ok: true });
    expect(lock.pinSet()).toBe(false);
    store.close();
  });
});
