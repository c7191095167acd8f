/**
 * The CLI goes through the core (issue 14): `station run` sends with the station's queue service,
 * to the server and in the mode saved in Settings; `station submit` queues in the Settings' mode
 * whatever the environment says; `station purge` applies the operator's retention periods.
 * Real CLI commands, a real encrypted data folder and the real sandbox over HTTP.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/default-settings';
import { openHistory } from '../../../main/core/history/history';
import { openSqliteQueue } from '../../../main/core/queue/sqlite-queue';
import { createKeyFile, keyFileWrapper } from '../../../main/core/store/keyring';
import { openStore } from '../../../main/core/store/open-store';
import { runCli } from '../../../main/hosts/cli';
import { startSandbox } from '../../../main/sandbox/sandbox-server';
import type { Sandbox } from '../../../main/sandbox/sandbox-types';
import { DAY, fakeJpeg, record } from '../core/history/history-fixtures';
import { instantEngine } from '../../support/instant-engine';

async function station(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'station', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A data folder with its key file and the given settings saved, as the Settings screen saves them. */
function dataFolder(settings: object) {
  const data = mkdtempSync(join(tmpdir(), 'station-cli-core-'));
  const keyFile = join(mkdtempSync(join(tmpdir(), 'station-cli-core-key-')), 'k.key');
  createKeyFile(keyFile);
  writeFileSync(join(data, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }));
  return { data, keyFile, args: ['--data', data, '--key-file', keyFile] };
}

let sandbox: Sandbox;
const saved = { ...process.env };
beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: mkdtempSync(join(tmpdir(), 'station-cli-core-sbx-')), analysis: instantEngine, taskDurationMs: 50 });
  // Credentials in the environment, as an unattended `station run` gets them; they choose no mode.
  Object.assign(process.env, { PROGENY_USERNAME: 'training', PROGENY_PASSWORD: 'training' });
  delete process.env.PROGENY_BASE_URL;
  delete process.env.STATION_PASSPHRASE;
});
afterAll(async () => {
  process.env = saved;
  await sandbox.close();
});

describe('the CLI through the core', () => {
  it('station submit queues in the mode saved in Settings, not the one the environment suggests', async () => {
    const folder = dataFolder({ mode: 'training' });
    const submitted = await station('submit', 'background_check', '--field', 'fullname=Mode Personone', '--field', 'birth_date=1991-02-03', '--json', ...folder.args);
    expect(submitted.code).toBe(0);
    expect(JSON.parse(submitted.out)).toMatchObject({ mode: 'training' });
  });

  it('station run sends with the queue service to the server saved in Settings, in its mode', { timeout: 30_000 }, async () => {
    // No --server and no PROGENY_BASE_URL: only the saved setting knows where the sandbox is.
    const folder = dataFolder({ mode: 'live', serverUrl: sandbox.baseUrl });
    const submitted = await station('submit', 'background_check', '--field', 'fullname=Run Persontwo', '--field', 'birth_date=1990-01-02', '--json', ...folder.args);
    expect(JSON.parse(submitted.out)).toMatchObject({ mode: 'live' });
    const run = await station('run', '--until-empty', ...folder.args);
    expect(run).toMatchObject({ code: 0 });
    expect(run.out).toMatch(/queue: done 1$/);
    const [row] = JSON.parse((await station('history', '--json', ...folder.args)).out) as Array<{ state: string; mode: string }>;
    expect(row).toMatchObject({ state: 'done', mode: 'live' });
  });

  it('station purge applies the retention periods saved in Settings, not its own defaults', async () => {
    // Defaults keep images 30 days and records 365: with them, nothing below would go.
    const folder = dataFolder({ retention: { imagesDays: 5, recordsDays: 8 } });
    const clock = { now: Date.now() };
    const store = openStore(folder.data, keyFileWrapper(folder.keyFile), { now: () => clock.now });
    const fixture = { dataDir: folder.data, store, queue: openSqliteQueue(store, () => clock.now), clock, history: openHistory(store) };
    const person = { firstName: 'Purge', lastName: 'Personthree' };
    const images = () => ({ selfie_image: fakeJpeg(), passport_image: fakeJpeg() });
    const tenDaysOld = record(fixture, { person, at: Date.now() - 10 * DAY, images: images() });
    const sixDaysOld = record(fixture, { person, at: Date.now() - 6 * DAY, images: images() });
    store.close();

    const purged = await station('purge', '--json', ...folder.args);
    expect(purged.code).toBe(0);
    expect(JSON.parse(purged.out)).toMatchObject({ recordsDeleted: 1, imagesDeleted: 4 });
    const left = JSON.parse((await station('history', '--json', ...folder.args)).out) as Array<{ id: string }>;
    expect(left.map((r) => r.id)).toEqual([sixDaysOld]);
    expect(left.map((r) => r.id)).not.toContain(tenDaysOld);
  });

  it('station purge --images-after overrides the saved period for one run', async () => {
    const folder = dataFolder({ retention: { imagesDays: 5, recordsDays: 8 } });
    const clock = { now: Date.now() };
    const store = openStore(folder.data, keyFileWrapper(folder.keyFile), { now: () => clock.now });
    const fixture = { dataDir: folder.data, store, queue: openSqliteQueue(store, () => clock.now), clock, history: openHistory(store) };
    record(fixture, { person: { firstName: 'Keep', lastName: 'Personfour' }, at: Date.now() - 6 * DAY, images: { selfie_image: fakeJpeg(), passport_image: fakeJpeg() } });
    store.close();
    expect(JSON.parse((await station('purge', '--images-after', '7', '--json', ...folder.args)).out)).toMatchObject({ recordsDeleted: 0, imagesDeleted: 0 });
  });
});
