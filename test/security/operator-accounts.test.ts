import { randomBytes, scryptSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PIN_FILE } from '../../main/core/operator-lock';
import type { StationCore } from '../../main/core/station-core';
import { ADMIN, auditActions, createAdmin, newDataDir, PIN, signedInStation, stationWithStore } from './operator-lock-support';

// Issue 15: operator accounts, roles and four-eyes approval, attacked over the real dispatcher (the
// bridge's entry point) with a real sealed store.
const cores: StationCore[] = [];
const track = (core: StationCore) => (cores.push(core), core);
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const SUPERVISOR = { name: 'Sam Supervisor', secret: '135790' };
const OPERATOR = { name: 'Olga Operator', secret: '246802' };
const OTHER_OPERATOR = { name: 'Otto Operator', secret: '975310' };
const RECORD = '00000000-0000-4000-8000-000000000000';

async function stationWithStaff(): Promise<{ core: StationCore; dataDir: string }> {
  const dataDir = newDataDir();
  const core = track(await signedInStation(dataDir));
  expect(await core.dispatch('account:add', { ...SUPERVISOR, role: 'supervisor' })).toMatchObject({ ok: true });
  expect(await core.dispatch('account:add', { ...OPERATOR, role: 'operator' })).toMatchObject({ ok: true });
  expect(await core.dispatch('account:add', { ...OTHER_OPERATOR, role: 'operator' })).toMatchObject({ ok: true });
  return { core, dataDir };
}
const signInAs = async (core: StationCore, who: { name: string; secret: string }) => {
  await core.dispatch('lock:engage', { reason: 'operator' });
  expect(await core.dispatch('account:sign-in', who)).toMatchObject({ ok: true });
};

describe('attacker removes the accounts to get a fresh "create the administrator"', () => {
  it('deleting the sealed accounts record does not open the station: nobody signs in, no new administrator', async () => {
    const dataDir = newDataDir();
    const first = track(stationWithStore(dataDir));
    await createAdmin(first);
    // Someone with write access to the data folder deletes the record (the key is no help to them here).
    first.store!.database.db.prepare("DELETE FROM store_meta WHERE key = 'accounts'").run();
    await first.close();
    cores.splice(0);

    const second = track(stationWithStore(dataDir));
    expect(second.status.get()).toMatchObject({ locked: true, accounts: 'missing' });
    expect(await second.dispatch('account:create-first', { name: 'Mallory', secret: '999999' })).toMatchObject({ ok: false });
    expect(await second.dispatch('account:sign-in', { name: ADMIN, secret: PIN })).toMatchObject({ ok: false, error: { code: 'sign-in-refused' } });
    expect(await second.dispatch('history:search', {})).toMatchObject({ ok: false, error: { code: 'station-locked' } });
  });

  it('a record replaced with garbage does not open either', async () => {
    const dataDir = newDataDir();
    const first = track(stationWithStore(dataDir));
    await createAdmin(first);
    first.store!.database.db.prepare("UPDATE store_meta SET value = ? WHERE key = 'accounts'").run(Buffer.from('[]'));
    expect(first.status.get().accounts).toBe('missing');
    expect(await first.dispatch('account:create-first', { name: 'Mallory', secret: '999999' })).toMatchObject({ ok: false });
  });

  it('a station upgraded from the anonymous PIN: the first administrator needs that PIN', async () => {
    const dataDir = newDataDir();
    const core = track(stationWithStore(dataDir));
    const salt = randomBytes(16);
    const hash = scryptSync('4829', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    writeFileSync(join(dataDir, PIN_FILE), core.store!.cipher.sealJson({ salt: salt.toString('base64'), hash: hash.toString('base64') }, 'operator-pin/v1'));
    expect(await core.dispatch('account:create-first', { name: 'Mallory', secret: '999999' })).toMatchObject({ ok: false, error: { code: 'sign-in-refused' } });
    expect(await core.dispatch('account:create-first', { name: 'Mallory', secret: '999999', pin: '1111' })).toMatchObject({ ok: false, error: { code: 'sign-in-refused' } });
    expect(core.status.get().locked).toBe(true);
    expect(await core.dispatch('account:create-first', { name: ADMIN, secret: PIN, pin: '4829' })).toMatchObject({ ok: true });
  });
});

describe("an operator reaches for the administrator's operations over the bridge", () => {
  it('main refuses list, add, update and the approval settings to an operator and a supervisor', async () => {
    const { core } = await stationWithStaff();
    const olga = (await core.dispatch('account:list', undefined)) as { ok: true; value: { id: string; name: string }[] };
    const olgaId = olga.value.find((account) => account.name === OPERATOR.name)!.id;
    for (const who of [OPERATOR, SUPERVISOR]) {
      await signInAs(core, who);
      expect(await core.dispatch('account:list', undefined)).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
      expect(await core.dispatch('account:add', { name: 'Eve', role: 'administrator', secret: '123456' })).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
      expect(await core.dispatch('account:update', { id: olgaId, role: 'administrator' })).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
      expect(await core.dispatch('settings:update', { approvals: [] })).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    }
    expect(core.settings.get().approvals).toEqual(['override', 'forget', 'export', 'settings']);
  });

  it('a disabled operator cannot sign in, and disabling a signed-in operator ends their session', async () => {
    const { core } = await stationWithStaff();
    const list = (await core.dispatch('account:list', undefined)) as { ok: true; value: { id: string; name: string }[] };
    const olgaId = list.value.find((account) => account.name === OPERATOR.name)!.id;
    expect(await core.dispatch('account:update', { id: olgaId, disabled: true })).toMatchObject({ ok: true, value: { disabled: true, updatedBy: ADMIN } });
    await core.dispatch('lock:engage', { reason: 'operator' });
    expect(await core.dispatch('account:sign-in', OPERATOR)).toMatchObject({ ok: false, error: { code: 'sign-in-refused', details: { reason: 'disabled' } } });
    expect(core.status.get().locked).toBe(true);
    // The last administrator cannot be disabled: the station would have nobody to manage it.
    expect(await core.dispatch('account:sign-in', { name: ADMIN, secret: PIN })).toMatchObject({ ok: true });
    const adminId = list.value.find((account) => account.name === ADMIN)!.id;
    expect(await core.dispatch('account:update', { id: adminId, disabled: true })).toMatchObject({ ok: false, error: { details: { reason: 'last-administrator' } } });
  });
});

describe('four-eyes approval', () => {
  it('an operator needs a supervisor for an export; both names are in the audit entry', async () => {
    const { core } = await stationWithStaff();
    await signInAs(core, OPERATOR);
    expect(await core.dispatch('history:evidence', { id: RECORD })).toMatchObject({ ok: false, error: { code: 'approval-required', details: { action: 'export' } } });
    // The approval passes; the record itself does not exist (the export's own answer).
    expect(await core.dispatch('history:evidence', { id: RECORD, approval: SUPERVISOR })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await core.dispatch('settings:update', { mode: 'live', approval: SUPERVISOR })).toMatchObject({ ok: true });
    const change = auditActions(core)
      .filter((entry) => entry.action === 'settings-change')
      .at(-1)!;
    expect([change.actor, change.details.approvedBy]).toEqual([OPERATOR.name, SUPERVISOR.name]);
  });

  it('an approval is not a token: it cannot be replayed for another record or another action', async () => {
    const { core } = await stationWithStaff();
    await signInAs(core, OPERATOR);
    expect(await core.dispatch('settings:update', { retention: { imagesDays: 10, recordsDays: 100 }, approval: SUPERVISOR })).toMatchObject({ ok: true });
    // Right after: the same operator, another action and another record, without the supervisor.
    expect(await core.dispatch('settings:update', { mode: 'live' })).toMatchObject({ ok: false, error: { code: 'approval-required' } });
    expect(await core.dispatch('history:evidence', { id: RECORD })).toMatchObject({ ok: false, error: { code: 'approval-required' } });
    expect(await core.dispatch('history:evidence', { id: '00000000-0000-4000-8000-000000000001' })).toMatchObject({ ok: false, error: { code: 'approval-required' } });
    expect(core.settings.get().mode).toBe('training');
  });

  it('an operator cannot approve, nor approve for themselves; a wrong secret is refused and audited', async () => {
    const { core } = await stationWithStaff();
    await signInAs(core, OPERATOR);
    expect(await core.dispatch('settings:update', { mode: 'live', approval: OTHER_OPERATOR })).toMatchObject({ ok: false, error: { code: 'approval-refused' } });
    expect(await core.dispatch('settings:update', { mode: 'live', approval: OPERATOR })).toMatchObject({ ok: false, error: { code: 'approval-refused' } });
    expect(await core.dispatch('settings:update', { mode: 'live', approval: { name: SUPERVISOR.name, secret: '000000' } })).toMatchObject({ ok: false, error: { code: 'approval-refused' } });
    expect(core.settings.get().mode).toBe('training');
    expect(
      auditActions(core)
        .filter((entry) => entry.action === 'approval-refused')
        .map((entry) => entry.details.refusal),
    ).toEqual(['not-an-approver', 'self', 'wrong']);
  });

  it('a supervisor doing the action themselves needs no second person; an untouched setting needs no approval', async () => {
    const { core } = await stationWithStaff();
    await signInAs(core, SUPERVISOR);
    expect(await core.dispatch('settings:update', { mode: 'live' })).toMatchObject({ ok: true });
    await signInAs(core, OPERATOR);
    expect(await core.dispatch('settings:update', { language: 'fr', mode: 'live' })).toMatchObject({ ok: true });
  });

  it("what needs approval is the administrator's setting", async () => {
    const { core } = await stationWithStaff();
    expect(await core.dispatch('settings:update', { approvals: ['override'] })).toMatchObject({ ok: true });
    await signInAs(core, OPERATOR);
    expect(await core.dispatch('settings:update', { mode: 'live' })).toMatchObject({ ok: true });
    expect(await core.dispatch('history:evidence', { id: RECORD })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
