/**
 * `station status` for IT and `station submit` / `station purge` under a managed policy: the real CLI
 * on a real encrypted data folder, the policy from STATION_POLICY.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assessHealth } from '../../../main/core/policy/health';
import { runCli } from '../../../main/hosts/cli';

async function station(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'station', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const data = mkdtempSync(join(tmpdir(), 'station-cli-status-'));
const keyFile = join(mkdtempSync(join(tmpdir(), 'station-cli-status-key-')), 'k.key');
const policyFile = join(mkdtempSync(join(tmpdir(), 'station-cli-policy-')), 'policy.json');
const saved = { ...process.env };
const usePolicy = (policy: unknown) => {
  writeFileSync(policyFile, typeof policy === 'string' ? policy : JSON.stringify(policy));
  process.env.STATION_POLICY = policyFile;
};
beforeAll(async () => {
  delete process.env.STATION_PASSPHRASE;
  delete process.env.STATION_POLICY;
  expect((await station('key', 'create', keyFile)).code).toBe(0);
  const queued = await station('submit', 'background_check', '--field', 'fullname=Status Personone', '--field', 'birth_date=1991-02-03', '--data', data, '--key-file', keyFile);
  expect(queued.code).toBe(0);
});
afterEach(() => {
  delete process.env.STATION_POLICY;
});
afterAll(() => {
  process.env = saved;
});

describe('station status', () => {
  it('healthy: exit 0, with version, mode, queue by state and the policy, without the data key', async () => {
    const { code, out } = await station('status', '--json', '--data', data);
    expect(code).toBe(0);
    const report = JSON.parse(out) as Record<string, unknown>;
    expect(report).toMatchObject({ level: 'healthy', reasons: [], mode: 'training', queue: { ready: 1 }, lastProgenyOkAt: null, policy: { state: 'none' }, auditForward: null });
    expect(report.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(typeof report.oldestUnsentAt).toBe('number');
    const human = await station('status', '--data', data);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(
      /^Progeny Station \S+: HEALTHY\nData folder: .*\nMode: training\nPolicy: none .*\nQueue: ready 1; oldest unsent queued \d{4}-.*\nLast Progeny success: never\nAudit forwarding: off$/,
    );
  });

  it('an unusable policy file: exit 2, naming the file and the problem, mode training whatever the settings say', async () => {
    usePolicy('{"mode": "live-only", "colour": "blue"}');
    const { code, out } = await station('status', '--json', '--data', data);
    expect(code).toBe(2);
    expect(JSON.parse(out)).toMatchObject({ level: 'broken', mode: 'training', policy: { state: 'invalid', file: policyFile, problem: 'the policy: unknown key "colour"' } });
    const human = await station('status', '--data', data);
    expect(human.out).toContain(`Policy: UNUSABLE, ${policyFile}: the policy: unknown key "colour". The station stays in training mode until it is fixed.`);
  });

  it('audit entries not reaching the SIEM: exit 1, with the outbox depth', async () => {
    usePolicy({ auditForward: { host: '127.0.0.1', port: 9 } });
    const { code, out } = await station('status', '--json', '--data', data);
    expect(code).toBe(1);
    const report = JSON.parse(out) as { auditForward: { outboxDepth: number; lastForwardAt: null }; reasons: string[] };
    expect(report.auditForward.outboxDepth).toBeGreaterThan(0);
    expect(report.reasons.join()).toMatch(/audit entr.* not reached the SIEM \(nothing delivered yet\)/);
  });

  it('a missing data folder is broken (exit 2)', async () => {
    expect((await station('status', '--data', join(data, 'nope'))).code).toBe(2);
  });

  it('degraded when work waits for a person or for more than an hour', () => {
    const policy = { state: 'none' as const, file: '/etc/progeny-station/policy.json', problem: null, managed: [], workflows: null, approvalRequiredFor: null };
    const facts = { queue: { ready: 1 }, oldestUnsentAt: 0, lastProgenyOkAt: null, audit: { newestSeq: 1, forwardedSeq: null, forwardedAt: null } };
    expect(assessHealth(facts, { policy, forwarding: false, now: 30 * 60_000 }).level).toBe('healthy');
    expect(assessHealth(facts, { policy, forwarding: false, now: 61 * 60_000 }).level).toBe('degraded');
    expect(assessHealth({ ...facts, queue: { attention: 2 } }, { policy, forwarding: false, now: 0 }).reasons).toEqual(['2 verifications need a person (queue: attention)']);
  });
});

describe('the CLI under a managed policy', () => {
  it('station submit refuses a workflow the policy does not offer', async () => {
    usePolicy({ workflows: ['ocr_passport'] });
    const { code, err } = await station('submit', 'background_check', '--field', 'fullname=Status Persontwo', '--field', 'birth_date=1991-02-03', '--data', data, '--key-file', keyFile);
    expect(code).toBe(2);
    expect(err).toBe(`station submit: refused: your organisation's policy (${policyFile}) does not offer background_check on this station`);
  });

  it('station submit and station run say so when the policy file is unusable, and work in training mode', async () => {
    usePolicy('{"mode": "live-only", "colour": "blue"}');
    const line = `Policy: UNUSABLE, ${policyFile}: the policy: unknown key "colour". The station stays in training mode until it is fixed.`;
    const submitted = await station('submit', 'background_check', '--field', 'fullname=Status Personthree', '--field', 'birth_date=1991-02-03', '--data', data, '--key-file', keyFile);
    expect(submitted.code).toBe(0);
    expect(submitted.err).toContain(`station submit: ${line}`);
    const queued = await station('queue', '--json', '--data', data, '--key-file', keyFile);
    expect((JSON.parse(queued.out) as Array<{ mode: string }>).at(-1)?.mode).toBe('training');
  });

  it('station purge refuses periods shorter than the policy keeps data', async () => {
    usePolicy({ retention: { minDays: 30 } });
    const { code, err } = await station('purge', '--images-after', '1', '--data', data, '--key-file', keyFile);
    expect(code).toBe(2);
    expect(err).toContain('keeps images and records at least 30 days');
    expect((await station('purge', '--images-after', '31', '--records-after', '400', '--data', data, '--key-file', keyFile)).code).toBe(0);
  });
});

describe('station web under a managed policy (the real process)', () => {
  it('refuses --mode live on a training-only station, says so, and starts in training mode with the policy named', async () => {
    usePolicy({ mode: 'training-only' });
    const env: NodeJS.ProcessEnv = { ...process.env, STATION_POLICY: policyFile };
    delete env.STATION_PASSPHRASE;
    const child = spawn(
      process.execPath,
      [resolve(import.meta.dirname, '../../../bin/station.mjs'), 'web', '--port', '0', '--data', mkdtempSync(join(tmpdir(), 'station-cli-web-policy-')), '--mode', 'live'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await expect.poll(() => output, { timeout: 120_000, interval: 200 }).toContain('Open: http://127.0.0.1:');
    } finally {
      child.kill('SIGTERM');
    }
    expect(output).toContain(`station web: --mode live refused: The mode is set by your organisation's policy (${policyFile}): the change was refused.`);
    expect(output).toContain(`Policy: in force, ${policyFile} (sets mode)`);
    expect(output).toContain('Mode: TRAINING');
    expect(output).not.toContain('Mode: LIVE');
  }, 150_000);
});
