import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/hosts/cli';
import { startSandbox } from '../../../main/sandbox/sandbox-server';
import type { Sandbox } from '../../../main/sandbox/sandbox-types';
import { FIXTURE_DIR } from '../../fixtures/generate';
import { instantEngine } from '../../support/instant-engine';

async function station(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'station', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let sandbox: Sandbox;
const data = mkdtempSync(join(tmpdir(), 'station-cli-queue-'));
const keyFile = join(mkdtempSync(join(tmpdir(), 'station-cli-key-')), 'k.key');
const saved = { ...process.env };
beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: mkdtempSync(join(tmpdir(), 'station-cli-sbx-')), analysis: instantEngine, taskDurationMs: 50 });
  // Live mode against the sandbox, so no training engine is loaded in this test.
  Object.assign(process.env, { PROGENY_USERNAME: 'training', PROGENY_PASSWORD: 'training' });
  // The mode is the operator's setting (Settings, or `station web --mode live`): live against the sandbox.
  writeFileSync(join(data, 'settings.json'), JSON.stringify({ mode: 'live' }));
  delete process.env.STATION_PASSPHRASE;
});
afterAll(async () => {
  process.env = saved;
  await sandbox.close();
});
const common = () => ['--data', data, '--key-file', keyFile, '--server', sandbox.baseUrl];

describe('station commands on the encrypted data folder', () => {
  it('refuses to touch the data without a key, saying how to give one', async () => {
    const { code, err } = await station('queue', '--data', data);
    expect(code).toBe(2);
    expect(err).toMatch(/STATION_PASSPHRASE|--key-file/);
  });

  it('submits, drains, lists, searches, audits and forgets', async () => {
    expect((await station('key', 'create', keyFile)).code).toBe(0);
    const a = await station('submit', 'background_check', '--field', 'fullname=Cli Personone', '--field', 'birth_date=1991-02-03', ...common());
    const b = await station('submit', 'face_liveness', '--file', `image=${join(FIXTURE_DIR, 'selfie-good-a.jpg')}`, ...common());
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.out).toMatch(/^[0-9a-f-]{36}$/);
    expect((await station('queue', ...common())).out).toMatch(/background_check +ready/);
    const run = await station('run', '--until-empty', ...common());
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/queue: done 2/);
    expect((await station('queue', ...common())).out).toBe('The queue is empty.');
    const found = await station('history', '--search', 'personone', '--json', ...common());
    expect((JSON.parse(found.out) as Array<{ id: string }>).map((r) => r.id)).toEqual([a.out]);
    const evidence = await station('history', '--evidence', a.out, ...common());
    expect(evidence.out).toMatch(/^<!doctype html>/i);
    expect((await station('forget', '--name', 'Cli Personone', ...common())).out).toMatch(/"recordsDeleted":1/);
    expect(JSON.parse((await station('history', '--json', ...common())).out)).toHaveLength(1);
    expect((await station('audit', 'verify', ...common())).out).toMatch(/Audit log intact: \d+ entries/);
  });

  it('explains what a service takes when the inputs are wrong', async () => {
    const { code, err } = await station('submit', 'kyc_passport', '--file', 'image=x.jpg', ...common());
    expect(code).toBe(2);
    expect(err).toMatch(/takes files \[selfie_image, passport_image\].*missing: selfie_image, passport_image.*unknown: image/);
  });
});
