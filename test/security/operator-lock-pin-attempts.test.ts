import { afterEach, describe, expect, it } from 'vitest';
import type { StationCore } from '../../main/core/station-core';
import { ADMIN, auditActions, newDataDir, PIN, signedInStation, WRONG } from './operator-lock-support';

// Finding 8 (kept for accounts): every secret check is limited and audited, the refusals during the
// wait included; an approval's secret shares the approver's count with signing in.
let core: StationCore | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

const refusals = (station: StationCore) => auditActions(station).filter((entry) => entry.action === 'sign-in-failed');

describe('attacker brute-forces an operator secret', () => {
  it('five wrong tries, then even the right secret waits; every try is in the audit log', async () => {
    core = await signedInStation(newDataDir());
    await core.dispatch('lock:engage', { reason: 'operator' });
    for (let i = 0; i < 5; i += 1) expect(await core.dispatch('account:sign-in', { name: ADMIN, secret: WRONG })).toMatchObject({ ok: false, error: { code: 'sign-in-refused' } });
    const blocked = await core.dispatch('account:sign-in', { name: ADMIN, secret: PIN });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'sign-in-refused', message: expect.stringMatching(/try again in \d+ s/) } });
    expect(core.status.get().locked).toBe(true);
    expect(refusals(core).map((entry) => entry.details)).toEqual([...[1, 2, 3, 4, 5].map((failures) => ({ name: ADMIN, refusal: 'wrong', failures })), { name: ADMIN, refusal: 'wait', failures: 5 }]);
  });

  it('an unknown name is refused in the same words as a wrong secret, and counted too', async () => {
    core = await signedInStation(newDataDir());
    await core.dispatch('lock:engage', { reason: 'operator' });
    const unknown = await core.dispatch('account:sign-in', { name: 'Nobody', secret: PIN });
    const wrong = await core.dispatch('account:sign-in', { name: ADMIN, secret: WRONG });
    expect(unknown.ok || wrong.ok).toBe(false);
    if (unknown.ok || wrong.ok) return;
    expect(unknown.error.message).toBe(wrong.error.message);
    expect(refusals(core)).toHaveLength(2);
  });

  it('wrong approval secrets count toward the approver: after five, the approver cannot sign in either', async () => {
    core = await signedInStation(newDataDir());
    expect(await core.dispatch('account:add', { name: 'Sam', role: 'supervisor', secret: '135790' })).toMatchObject({ ok: true });
    expect(await core.dispatch('account:add', { name: 'Olga', role: 'operator', secret: '246802' })).toMatchObject({ ok: true });
    await core.dispatch('lock:engage', { reason: 'operator' });
    expect(await core.dispatch('account:sign-in', { name: 'Olga', secret: '246802' })).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i += 1) {
      const refused = await core.dispatch('history:evidence', { id: '00000000-0000-4000-8000-000000000000', approval: { name: 'Sam', secret: WRONG } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'approval-refused' } });
    }
    await core.dispatch('lock:engage', { reason: 'operator' });
    expect(await core.dispatch('account:sign-in', { name: 'Sam', secret: '135790' })).toMatchObject({ ok: false, error: { code: 'sign-in-refused', details: { reason: 'wait' } } });
  });
});
