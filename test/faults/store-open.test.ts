/**
 * A data folder the station cannot use as it is: the database locked by another process, or
 * damaged. The station must say which, change nothing, and the recovery in
 * main/core/store/README.md must bring the queued work back.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteQueue } from '../../main/core/queue/sqlite-queue';
import { listBackups, StoreOpenError } from '../../main/core/store/database';
import { DATABASE_FILE, openStore } from '../../main/core/store/open-store';
import { fixture } from '../main/analysis/analysis-env';
import { testWrapper } from './fault-station';

const ROOT = resolve(import.meta.dirname, '../..');
const selfie = fixture('selfie-good-a.jpg');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A data folder with three queued verifications (one with an image), closed cleanly. */
function folderWithWork(): { dataDir: string; ids: string[] } {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-fault-store-'));
  const store = openStore(dataDir, testWrapper());
  const queue = openSqliteQueue(store);
  const ids = [
    queue.enqueue({ service: 'face_liveness', mode: 'training', operator: 'fault-suite', files: { image: { bytes: selfie, filename: 'selfie.jpg', contentType: 'image/jpeg' } } }),
    ...['Store Person0', 'Store Person1'].map((fullname) =>
      queue.enqueue({ service: 'background_check', mode: 'training', operator: 'fault-suite', files: {}, fields: { fullname, birth_date: '1990-01-01' } }),
    ),
  ];
  store.close();
  return { dataDir, ids };
}

async function expectWorkIntact(dataDir: string, ids: string[]): Promise<void> {
  const store = openStore(dataDir, testWrapper());
  const queue = openSqliteQueue(store);
  expect(ids.map((id) => queue.get(id)?.state)).toEqual(['ready', 'ready', 'ready']);
  expect(Buffer.from((await queue.repository.inputs(ids[0]!)).files.image!.bytes).equals(selfie)).toBe(true);
  expect(store.audit.verify()).toMatchObject({ ok: true });
  store.close();
}

function openError(dataDir: string): StoreOpenError {
  try {
    openStore(dataDir, testWrapper(), { busyTimeoutMs: 200 }).close();
  } catch (error) {
    if (error instanceof StoreOpenError) return error;
    throw error;
  }
  throw new Error('the store opened');
}

/** Another program on the same database, inside BEGIN EXCLUSIVE until its stdin closes. */
async function holdExclusiveLock(file: string) {
  const script = [
    "const Database = require('better-sqlite3');",
    'const db = new Database(process.argv[1]);',
    "db.exec('BEGIN EXCLUSIVE');",
    "process.stdout.write('locked\\n');",
    "process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); });",
    'process.stdin.resume();',
  ].join('\n');
  const child = spawn(process.execPath, ['-e', script, file], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  await new Promise<void>((done, fail) => {
    child.stdout.once('data', () => done());
    void exited.then((code) => fail(new Error(`the lock holder exited (${code}) before taking the lock`)));
  });
  return {
    release: async () => {
      child.stdin.end();
      expect(await exited).toBe(0);
    },
  };
}

describe('opening the store', () => {
  it('while another process holds the database exclusively: "locked", nothing changed, fine once it lets go', async () => {
    const { dataDir, ids } = folderWithWork();
    const file = join(dataDir, DATABASE_FILE);
    const before = { database: sha(file), keyring: sha(join(dataDir, 'keyring.json')), backups: listBackups(file) };
    const holder = await holdExclusiveLock(file);
    try {
      const error = openError(dataDir);
      expect(error.kind).toBe('locked');
      expect(error.message).toMatch(/is locked by another program .*Nothing was changed\. Close the other program/);
      expect({ database: sha(file), keyring: sha(join(dataDir, 'keyring.json')), backups: listBackups(file) }).toEqual(before);
    } finally {
      await holder.release();
    }
    await expectWorkIntact(dataDir, ids);
  });

  it('with a damaged database: "corrupt", the file kept as it was, and the README recovery brings the work back', async () => {
    const { dataDir, ids } = folderWithWork();
    const file = join(dataDir, DATABASE_FILE);
    // The next start's daily copy is the one holding the queued work.
    for (const backup of listBackups(file)) rmSync(backup);
    openStore(dataDir, testWrapper()).close();
    const [backup] = listBackups(file);
    expect(backup).toBeDefined();

    const fd = openSync(file, 'r+');
    writeSync(fd, randomBytes(3 * 4096), 0, 3 * 4096, 4096);
    closeSync(fd);
    const damaged = sha(file);

    const error = openError(dataDir);
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/is damaged .*It was not modified or deleted/);
    expect(error.message).toContain(`copy the newest backup, ${backup}, to ${file}`);
    expect(sha(file)).toBe(damaged);
    expect(listBackups(file)).toEqual([backup]);

    // README, "StoreOpenError corrupt": move the database (with -wal and -shm) aside, copy the newest backup in, start.
    const safe = mkdtempSync(join(tmpdir(), 'station-fault-moved-'));
    for (const name of readdirSync(dataDir).filter((n) => [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`].includes(n))) renameSync(join(dataDir, name), join(safe, name));
    copyFileSync(backup!, file);
    await expectWorkIntact(dataDir, ids);
    expect(sha(join(safe, basename(file)))).toBe(damaged);
    expect(existsSync(join(dataDir, 'blobs'))).toBe(true);
  });
});
