import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalDirectory } from '../../../main/core/accounts/local-directory';
import { silentLogger } from '../../../main/core/logger';
import { createStationCore, type StationCore } from '../../../main/core/station-core';
import { passphraseWrapper } from '../../../main/core/store/keyring';
import { openStore, type Store } from '../../../main/core/store/open-store';

const FAST = { N: 2 ** 14, r: 8, p: 1 };
const HASH = { N: 2 ** 10, r: 8, p: 1 };
let core: StationCore | null = null;
const stores: Store[] = [];
afterEach(async () => {
  await core?.close();
  core = null;
  for (const store of stores.splice(0)) store.close();
});

const newStore = () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-accounts-'));
  const store = openStore(dataDir, passphraseWrapper('operator accounts test', FAST));
  stores.push(store);
  return store;
};

describe('the operator lock is the sign-in session', () => {
  it('starts locked, answers only what "Who is working?" needs, and signing in names the operator everywhere', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'station-lock-'));
    core = createStationCore({ dataDir, log: silentLogger, store: openStore(dataDir, passphraseWrapper('operator lock test', FAST)) });
    expect(core.status.get()).toMatchObject({ locked: true, accounts: 'none', operator: null });
    for (const [operation, payload] of [
      ['history:search', {}],
      ['queue:list', undefined],
      ['audit:list', { limit: 5 }],
      ['history:persons', undefined],
      ['account:list', undefined],
    ] as const) {
      expect(await core.dispatch(operation, payload)).toMatchObject({ ok: false, error: { code: 'station-locked' } });
    }
    expect(await core.dispatch('status:get', undefined)).toMatchObject({ ok: true });
    expect(await core.dispatch('account:create-first', { name: 'Ana', secret: 'correct horse' })).toMatchObject({ ok: true, value: { name: 'Ana', role: 'administrator' } });
    expect(core.status.get()).toMatchObject({ locked: false, accounts: 'ready', operator: { name: 'Ana', role: 'administrator' } });
    await core.dispatch('settings:update', { language: 'fr' });
    await core.dispatch('lock:engage', { reason: 'operator' });
    const entries = core
      .store!.audit.list()
      .filter((entry) => entry.actor === 'Ana')
      .map((entry) => [entry.actor, entry.action]);
    expect(entries).toEqual([
      ['Ana', 'account-create'],
      ['Ana', 'sign-in'],
      ['Ana', 'settings-change'],
      ['Ana', 'lock'],
    ]);
    expect(core.status.get()).toMatchObject({ locked: true, operator: null });
    expect(await core.dispatch('account:sign-in', { name: 'Ana', secret: '12' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('the local account directory', () => {
  it('keeps accounts sealed: neither names nor hashes are readable in the database', () => {
    const store = newStore();
    const directory = openLocalDirectory(store, { scrypt: HASH });
    expect(directory.state()).toBe('none');
    const admin = directory.createFirst('Ana Admin', '482913');
    expect(admin.ok).toBe(true);
    const raw = store.database.db.prepare("SELECT value FROM store_meta WHERE key = 'accounts'").pluck().get() as Buffer;
    expect(raw.includes(Buffer.from('Ana Admin'))).toBe(false);
    expect(directory.state()).toBe('ready');
    expect(directory.createFirst('Mallory', '999999')).toMatchObject({ ok: false, reason: 'not-allowed' });
  });

  it('names match whatever the case and spaces; a disabled account cannot sign in', () => {
    const directory = openLocalDirectory(newStore(), { scrypt: HASH });
    const admin = directory.createFirst('Ana Admin', '482913');
    if (!admin.ok) throw new Error('no admin');
    expect(directory.authenticate('  ana admin ', '482913')).toMatchObject({ ok: true, account: { name: 'Ana Admin' } });
    const added = directory.add(admin.account, { name: 'Olga', role: 'operator', secret: 'olga passphrase' });
    if (!added.ok) throw new Error('not added');
    expect(directory.add(admin.account, { name: 'OLGA', role: 'operator', secret: '123456' })).toMatchObject({ ok: false, reason: 'name-taken' });
    expect(directory.update(admin.account, added.account.id, { disabled: true })).toMatchObject({ ok: true });
    expect(directory.authenticate('Olga', 'olga passphrase')).toMatchObject({ ok: false, reason: 'disabled' });
    // A wrong secret for a disabled account says "wrong", not "disabled": only the holder learns it.
    expect(directory.authenticate('Olga', 'not it at all')).toMatchObject({ ok: false, reason: 'wrong' });
  });

  it('refuses management by anyone but an active administrator', () => {
    const directory = openLocalDirectory(newStore(), { scrypt: HASH });
    const admin = directory.createFirst('Ana', '482913');
    if (!admin.ok) throw new Error('no admin');
    const supervisor = directory.add(admin.account, { name: 'Sam', role: 'supervisor', secret: '135790' });
    if (!supervisor.ok) throw new Error('not added');
    expect(directory.add(supervisor.account, { name: 'Eve', role: 'administrator', secret: '123456' })).toMatchObject({ ok: false, reason: 'not-allowed' });
    expect(directory.update(supervisor.account, supervisor.account.id, { role: 'administrator' })).toMatchObject({ ok: false, reason: 'not-allowed' });
    expect(directory.update(admin.account, admin.account.id, { role: 'operator' })).toMatchObject({ ok: false, reason: 'last-administrator' });
  });

  it('waits 30 s after five wrong secrets, doubling; a restart keeps the count; the right secret resets it', () => {
    const store = newStore();
    let now = 1_000_000;
    const directory = openLocalDirectory(store, { now: () => now, scrypt: HASH });
    directory.createFirst('Ana', '482913');
    for (let i = 1; i <= 4; i += 1) expect(directory.authenticate('Ana', '000000')).toMatchObject({ ok: false, reason: 'wrong', retryAfterMs: 0, failures: i });
    expect(directory.authenticate('Ana', '000000')).toMatchObject({ ok: false, reason: 'wrong', retryAfterMs: 30_000, failures: 5 });
    // "Restart": a new directory on the same store reads the sealed count.
    const restarted = openLocalDirectory(store, { now: () => now, scrypt: HASH });
    expect(restarted.authenticate('Ana', '482913')).toMatchObject({ ok: false, reason: 'wait', retryAfterMs: 30_000 });
    now += 30_000;
    expect(restarted.authenticate('Ana', '000000')).toMatchObject({ ok: false, reason: 'wrong', retryAfterMs: 60_000, failures: 6 });
    now += 60_000;
    expect(restarted.authenticate('Ana', '482913')).toMatchObject({ ok: true });
    expect(restarted.authenticate('Ana', '000000')).toMatchObject({ ok: false, failures: 1, retryAfterMs: 0 });
  });

  it("one account's wrong secrets do not lock another out; a reset secret starts a clean count", () => {
    const directory = openLocalDirectory(newStore(), { scrypt: HASH });
    const admin = directory.createFirst('Ana', '482913');
    if (!admin.ok) throw new Error('no admin');
    const olga = directory.add(admin.account, { name: 'Olga', role: 'operator', secret: '246802' });
    if (!olga.ok) throw new Error('not added');
    for (let i = 0; i < 5; i += 1) directory.authenticate('Olga', '000000');
    expect(directory.authenticate('Olga', '246802')).toMatchObject({ ok: false, reason: 'wait' });
    expect(directory.authenticate('Ana', '482913')).toMatchObject({ ok: true });
    expect(directory.update(admin.account, olga.account.id, { secret: 'new secret 1' })).toMatchObject({ ok: true });
    expect(directory.authenticate('Olga', 'new secret 1')).toMatchObject({ ok: true });
  });
});
