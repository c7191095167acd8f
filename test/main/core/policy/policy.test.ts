import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../../common/contract';
import { silentLogger } from '../../../../main/core/logger';
import { effectiveSettings, managedSettings, policyConflict, PolicyRefusal } from '../../../../main/core/policy/managed-settings';
import { openSettings, SETTINGS_FILE } from '../../../../main/core/settings';
import { loadPolicy, managedBy, policyPath, type LoadedPolicy } from '../../../../main/core/policy/policy-file';
import type { Policy } from '../../../../main/core/policy/policy-schema';

const dir = () => mkdtempSync(join(tmpdir(), 'station-policy-'));
const writePolicy = (content: string) => {
  const file = join(dir(), 'policy.json');
  writeFileSync(file, content);
  return loadPolicy({ file, explicit: true });
};
const inForce = (policy: Policy): LoadedPolicy => ({ state: 'in-force', file: '/etc/progeny-station/policy.json', policy });
const base: Settings = { ...DEFAULT_SETTINGS, mode: 'live', serverUrl: 'https://elsewhere.example/api/v3', idleLockMinutes: 0, retention: { imagesDays: 1, recordsDays: 3650 }, autoCapture: true };

describe('where the policy lives', () => {
  it('has one documented place per OS, and STATION_POLICY wins', () => {
    expect(policyPath('linux', {})).toEqual({ file: '/etc/progeny-station/policy.json', explicit: false });
    expect(policyPath('darwin', {})).toEqual({ file: '/Library/Application Support/ProgenyStation/policy.json', explicit: false });
    expect(policyPath('win32', { ProgramData: 'D:\\PD' })).toEqual({ file: 'D:\\PD\\ProgenyStation\\policy.json', explicit: false });
    expect(policyPath('linux', { STATION_POLICY: '/tmp/p.json' })).toEqual({ file: '/tmp/p.json', explicit: true });
  });
});

describe('reading the policy file', () => {
  it('no file at the default place: no policy', () => {
    expect(loadPolicy({ file: join(dir(), 'none.json'), explicit: false })).toMatchObject({ state: 'none' });
  });

  it('never ignores a broken file: each problem is named, with the file', () => {
    expect(writePolicy('{"mode": "training-only",')).toMatchObject({ state: 'invalid', problem: expect.stringContaining('not valid JSON') });
    expect(writePolicy('{"mode": "training-only", "modee": 1}')).toMatchObject({ state: 'invalid', problem: 'the policy: unknown key "modee"' });
    expect(writePolicy('{"retention": {"minDays": 30, "maxDays": 7}}')).toMatchObject({ state: 'invalid', problem: 'retention: minDays must not exceed maxDays' });
    expect(writePolicy('{"allowedServers": ["http://bank.example/api"]}')).toMatchObject({
      state: 'invalid',
      problem: expect.stringContaining('allowedServers.0: the server address must be an https:// address'),
    });
    expect(writePolicy('{"workflows": ["selfie_magic"]}')).toMatchObject({ state: 'invalid', problem: expect.stringContaining('workflows.0') });
    expect(writePolicy('{"auditForward": {"host": "siem", "port": 6514, "caFile": "/ca.pem"}}')).toMatchObject({ state: 'invalid', problem: expect.stringContaining('caFile needs "tls": true') });
    expect(writePolicy('[]')).toMatchObject({ state: 'invalid' });
    expect(loadPolicy({ file: join(dir(), 'missing.json'), explicit: true })).toMatchObject({ state: 'invalid', problem: 'the file does not exist' });
    const folder = join(dir(), 'policy.json');
    mkdirSync(folder);
    expect(loadPolicy({ file: folder, explicit: false })).toMatchObject({ state: 'invalid', problem: 'it is a folder, not a file' });
  });

  const isRoot = process.getuid?.() === 0;
  if (isRoot) console.log('skipped "a file the station may not read": running as root, which reads any file');
  it.skipIf(isRoot)('a file the station may not read is invalid, not absent', () => {
    const file = join(dir(), 'policy.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o000);
    expect(loadPolicy({ file, explicit: false })).toMatchObject({ state: 'invalid', problem: 'the station may not read it' });
  });

  it('reads a full policy', () => {
    const loaded = writePolicy(
      JSON.stringify({
        version: 1,
        allowedServers: ['https://be.progeny.tech/api/v3'],
        mode: 'live-only',
        retention: { minDays: 7, maxDays: 90 },
        idleLockMaxMinutes: 10,
        consent: 'required',
        workflows: ['kyc_passport'],
        autoCapture: false,
        approvalRequiredFor: ['override'],
        auditForward: { host: 'siem.bank.example', port: 6514, tls: true, caFile: '/etc/ssl/siem-ca.pem' },
      }),
    );
    expect(loaded.state).toBe('in-force');
    expect(managedBy(loaded)).toEqual(['serverUrl', 'mode', 'retention', 'idleLockMinutes', 'consent', 'workflows', 'autoCapture', 'approvals']);
  });
});

describe('settings in force and refused changes, one managed setting at a time', () => {
  const cases: { name: string; policy: Policy; key: keyof Settings; forced: unknown; refused: Partial<Settings>; accepted: Partial<Settings> }[] = [
    {
      name: 'allowed servers',
      policy: { allowedServers: ['https://be.progeny.tech/api/v3', 'https://dr.bank.example/v3'] },
      key: 'serverUrl',
      forced: 'https://be.progeny.tech/api/v3',
      refused: { serverUrl: 'https://attacker.example/v3' },
      accepted: { serverUrl: 'https://dr.bank.example/v3/' },
    },
    { name: 'mode lock: training only', policy: { mode: 'training-only' }, key: 'mode', forced: 'training', refused: { mode: 'live' }, accepted: { mode: 'training' } },
    { name: 'mode lock: live only', policy: { mode: 'live-only' }, key: 'mode', forced: 'live', refused: { mode: 'training' }, accepted: { mode: 'live' } },
    {
      name: 'retention bounds',
      policy: { retention: { minDays: 7, maxDays: 400 } },
      key: 'retention',
      forced: { imagesDays: 7, recordsDays: 400 },
      refused: { retention: { imagesDays: 1, recordsDays: 365 } },
      accepted: { retention: { imagesDays: 30, recordsDays: 365 } },
    },
    { name: 'idle lock maximum', policy: { idleLockMaxMinutes: 10 }, key: 'idleLockMinutes', forced: 10, refused: { idleLockMinutes: 0 }, accepted: { idleLockMinutes: 5 } },
    { name: 'automatic capture', policy: { autoCapture: false }, key: 'autoCapture', forced: false, refused: { autoCapture: true }, accepted: { autoCapture: false } },
    {
      name: 'consent requirement',
      policy: { consent: 'required' },
      key: 'consent',
      forced: { ...DEFAULT_SETTINGS.consent, mode: 'required' },
      refused: { consent: { ...DEFAULT_SETTINGS.consent, mode: 'off' } },
      accepted: { consent: { ...DEFAULT_SETTINGS.consent, mode: 'required' } },
    },
    {
      name: 'four-eyes approvals',
      policy: { approvalRequiredFor: ['override', 'forget'] },
      key: 'approvals',
      forced: ['override', 'forget'],
      refused: { approvals: [] },
      accepted: { approvals: ['override', 'forget'] },
    },
  ];
  for (const { name, policy, key, forced, refused, accepted } of cases) {
    it(name, () => {
      const loaded = inForce(policy);
      const saved: Settings = { ...base, consent: { ...DEFAULT_SETTINGS.consent, mode: 'off' }, approvals: [] };
      expect(effectiveSettings(saved, loaded)[key]).toEqual(forced);
      expect(policyConflict(effectiveSettings(saved, loaded), refused, loaded)).toMatch(/set by your organisation's policy \(\/etc\/progeny-station\/policy.json\): the change was refused\.$/);
      expect(policyConflict(effectiveSettings(saved, loaded), accepted, loaded)).toBeNull();
      // What the policy does not manage stays the operator's.
      expect(policyConflict(effectiveSettings(saved, loaded), { language: 'fr' }, loaded)).toBeNull();
    });
  }

  it('an invalid policy keeps training mode and says which file and why', () => {
    const loaded: LoadedPolicy = { state: 'invalid', file: '/etc/progeny-station/policy.json', problem: 'it is not valid JSON' };
    expect(effectiveSettings(base, loaded).mode).toBe('training');
    expect(policyConflict(effectiveSettings(base, loaded), { mode: 'live' }, loaded)).toBe(
      'The station stays in training mode until its policy file (/etc/progeny-station/policy.json) is fixed: it is not valid JSON.',
    );
    expect(policyConflict(effectiveSettings(base, loaded), { idleLockMinutes: 3 }, loaded)).toBeNull();
  });
});

describe('the settings service under a policy (below the bridge gate)', () => {
  it('reads effective settings and refuses a contradicting write without touching the file', () => {
    const folder = dir();
    const base = openSettings(folder, silentLogger);
    base.update({ mode: 'live', idleLockMinutes: 0 });
    const saved = readFileSync(join(folder, SETTINGS_FILE), 'utf8');
    const settings = managedSettings(base, inForce({ mode: 'training-only', idleLockMaxMinutes: 15 }));
    expect(settings.get()).toMatchObject({ mode: 'training', idleLockMinutes: 15 });
    expect(() => settings.update({ mode: 'live' })).toThrow(PolicyRefusal);
    expect(() => settings.update({ idleLockMinutes: 0 })).toThrow(PolicyRefusal);
    expect(readFileSync(join(folder, SETTINGS_FILE), 'utf8')).toBe(saved);
    expect(settings.update({ language: 'ar', idleLockMinutes: 5 })).toMatchObject({ language: 'ar', idleLockMinutes: 5, mode: 'training' });
  });
});
