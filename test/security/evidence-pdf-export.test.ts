/**
 * Issue 16's evidence PDF over the real dispatcher (the bridge's entry point), as an attacker tries
 * it: an operator without a supervisor's approval gets no PDF (four-eyes applies to the PDF as to the
 * HTML export), a request smuggling extra fields or a path instead of an id is refused by the schema,
 * and a locked station exports nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StationCore } from '../../main/core/station-core';
import { newDataDir, signedInStation } from './operator-lock-support';

const cores: StationCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const SUPERVISOR = { name: 'Sam Supervisor', secret: '135790' };
const OPERATOR = { name: 'Olga Operator', secret: '246802' };
const RECORD = '00000000-0000-4000-8000-000000000000';

async function operatorStation(): Promise<StationCore> {
  const core = await signedInStation(newDataDir());
  cores.push(core);
  expect(await core.dispatch('account:add', { ...SUPERVISOR, role: 'supervisor' })).toMatchObject({ ok: true });
  expect(await core.dispatch('account:add', { ...OPERATOR, role: 'operator' })).toMatchObject({ ok: true });
  await core.dispatch('lock:engage', { reason: 'operator' });
  expect(await core.dispatch('account:sign-in', OPERATOR)).toMatchObject({ ok: true });
  return core;
}

describe('evidence PDF export, attacked', () => {
  it('an operator gets no PDF without a supervisor’s approval; with it, the export’s own answer', async () => {
    const core = await operatorStation();
    expect(await core.dispatch('history:evidence-pdf', { id: RECORD })).toMatchObject({ ok: false, error: { code: 'approval-required', details: { action: 'export' } } });
    expect(await core.dispatch('history:evidence-pdf', { id: RECORD, appendix: true })).toMatchObject({ ok: false, error: { code: 'approval-required' } });
    expect(await core.dispatch('history:evidence-pdf', { id: RECORD, approval: { name: SUPERVISOR.name, secret: '000000' } })).toMatchObject({ ok: false });
    expect(await core.dispatch('history:evidence-pdf', { id: RECORD, approval: SUPERVISOR })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses a path, a non-id or extra fields in place of a verification id', async () => {
    const core = await operatorStation();
    for (const payload of [{ id: '../../etc/passwd' }, { id: RECORD, path: '/tmp/evidence.pdf' }, { id: RECORD, appendix: 'yes' }, { id: 42 }]) {
      expect(await core.dispatch('history:evidence-pdf', payload)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
  });

  it('a locked station exports nothing', async () => {
    const core = await operatorStation();
    await core.dispatch('lock:engage', { reason: 'operator' });
    expect(await core.dispatch('history:evidence-pdf', { id: RECORD, approval: SUPERVISOR })).toMatchObject({ ok: false, error: { code: 'station-locked' } });
  });
});
