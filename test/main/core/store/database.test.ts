import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups, openDatabase, StoreOpenError, type StationDatabase } from '../../../../main/core/store/database';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../main/core/store/schema';
import { insertVerification, randomCipher, tempDir } from './helpers';

const opened: StationDatabase[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) if (store.db.open) store.close();
  for (const child of children.splice(0)) child.kill();
});
const open = (file: string, options: Partial<Parameters<typeof openDatabase>[1]> = {}) => {
  const store = openDatabase(file, { cipher: randomCipher(), ...options });
  opened.push(store);
  return store;
};
const openError = (fn: () => unknown): StoreOpenError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreOpenError);
    return error as StoreOpenError;
  }
  throw new Error('expected a StoreOpenError');
};
const filesOf = (dir: string) => Object.fromEntries(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n)).toString('base64')]));

describe('openDatabase: settings and migrations', () => {
  it('opens in WAL mode with the documented pragmas', () => {
    const { db } = open(join(tempDir('db'), 'station.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('applies each migration once, records it, and reopening changes nothing', () => {
    const file = join(tempDir('db'), 'station.sqlite');
    const cipher = randomCipher();
    const first = open(file, { cipher });
    expect(first.schemaVersion).toBe(SCHEMA_VERSION);
    const recorded = first.db.prepare<[], { version: number }>('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all();
    expect(recorded.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const tables = first.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['verifications', 'attempts', 'blobs', 'search_tokens', 'audit_log', 'leases', 'store_meta', 'schema_migrations']));
    first.close();

    const second = open(file, { cipher });
    expect(second.db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all()).toEqual(recorded);
  });

  it('runs each migration in one transaction: a failing one leaves nothing behind', () => {
    const dir = tempDir('db');
    const file = join(dir, 'station.sqlite');
    const cipher = randomCipher();
    open(file, { cipher }).close();
    const next = SCHEMA_VERSION + 1;
    const broken = [...MIGRATIONS, { version: next, name: 'broken', up: 'CREATE TABLE half_done (a INTEGER); INSERT INTO no_such_table VALUES (1);' }];
    const error = openError(() => open(file, { cipher, migrations: broken }));
    expect(error.kind).toBe('migration-failed');
    expect(error.message).toMatch(/rolled back/);

    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    expect(check.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(SCHEMA_VERSION);
    check.close();
    // A backup was taken before the upgrade was attempted.
    expect(listBackups(file).some((b) => b.endsWith(`-v${SCHEMA_VERSION}`))).toBe(true);

    const fixed = [...MIGRATIONS, { version: next, name: 'fixed', up: 'CREATE TABLE later (a INTEGER) STRICT;' }];
    expect(open(file, { cipher, migrations: fixed }).schemaVersion).toBe(next);
  });

  it('refuses a database from a newer station, untouched', () => {
    const dir = tempDir('db');
    const file = join(dir, 'station.sqlite');
    const cipher = randomCipher();
    open(file, { cipher, migrations: [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'future', up: 'CREATE TABLE future (a INTEGER);' }] }).close();
    const before = filesOf(dir);
    expect(openError(() => open(file, { cipher })).kind).toBe('too-new');
    expect(filesOf(dir)).toEqual(before);
  });

  it('refuses to mix data under two keys', () => {
    const dir = tempDir('db');
    const file = join(dir, 'station.sqlite');
    open(file, { cipher: randomCipher() }).close();
    const before = filesOf(dir);
    const error = openError(() => open(file, { cipher: randomCipher() }));
    expect(error.kind).toBe('key-mismatch');
    expect(error.message).toMatch(/keyring\.json/);
    expect(filesOf(dir)).toEqual(before);
  });

  it('makes a daily backup and keeps only the newest few', () => {
    const dir = tempDir('db');
    const file = join(dir, 'station.sqlite');
    const cipher = randomCipher();
    const day = (n: number) => Date.parse('2026-11-01T09:00:00Z') + n * 86_400_000;
    for (const n of [0, 0, 1, 2, 3]) open(file, { cipher, now: () => day(n), backups: { keep: 3 } }).close();
    const backups = listBackups(file).map((b) => b.slice(file.length));
    expect(backups).toEqual([4, 3, 2].map((day) => `.bak-2026110${day}T090000Z-v${SCHEMA_VERSION}`));
    const copy = new Database(listBackups(file)[0] ?? '', { readonly: true });
    expect(copy.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(SCHEMA_VERSION);
    copy.close();
  });
});

describe('openDatabase: the schema guards sealed columns', () => {
  it('refuses plaintext in a sealed column, as text or as raw bytes', () => {
    const { db, cipher } = open(join(tempDir('db'), 'station.sqlite'));
    insertVerification(db, cipher, { id: 'v1', sealed: { subject: { name: 'Erika' } } });
    expect(() => db.prepare("UPDATE verifications SET subject = 'Erika Mustermann' WHERE id = 'v1'").run()).toThrow(/cannot store TEXT value in BLOB column/);
    expect(() => db.prepare("UPDATE verifications SET subject = ? WHERE id = 'v1'").run(Buffer.from('{"name":"Erika Mustermann"}'))).toThrow(/CHECK constraint failed/);
  });

  it('keeps the audit log append-only for ordinary SQL', () => {
    const { db, cipher } = open(join(tempDir('db'), 'station.sqlite'));
    db.prepare('INSERT INTO audit_log VALUES (1, 0, ?, ?, ?, ?, ?)').run('a', 'login', cipher.seal('{}', 'audit:1:details'), Buffer.alloc(32), Buffer.alloc(32));
    expect(() => db.prepare("UPDATE audit_log SET actor = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

/** Another process that holds the database with an exclusive write transaction until killed. */
async function holdLocked(file: string): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec("BEGIN EXCLUSIVE; INSERT INTO leases VALUES ('drain', 'other', 1);");
    process.stdout.write('locked\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script, file], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  return child;
}

describe('openDatabase: faults at start', () => {
  it('reports a database locked by another process as StoreOpenError, file unchanged', async () => {
    const dir = tempDir('db');
    const file = join(dir, 'station.sqlite');
    const cipher = randomCipher();
    open(file, { cipher }).close();
    const holder = await holdLocked(file);
    const before = readFileSync(file);

    const error = openError(() => open(file, { cipher, busyTimeoutMs: 200 }));
    expect(error.kind).toBe('locked');
    expect(error.message).toMatch(/locked by another program.*Nothing was changed/s);
    expect(readFileSync(file)).toEqual(before);

    holder.kill();
    await new Promise((resolve) => holder.once('exit', resolve));
    const reopened = open(file, { cipher });
    expect(reopened.db.prepare('SELECT count(*) FROM leases').pluck().get()).toBe(0); // the holder's write never committed
  });

  it('reports a file that is not a database as corrupt, and leaves it as it was', () => {
    const dir = tempDir('db');
    const file = join(dir, 'station.sqlite');
    const garbage = randomBytes(64 * 1024);
    writeFileSync(file, garbage);
    const error = openError(() => open(file));
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/not modified or deleted.*move station\.sqlite/s);
    expect(readFileSync(file)).toEqual(garbage);
    expect(readdirSync(dir)).toEqual(['station.sqlite']);
  });

  it('reports damaged pages inside a real database, names the backup to restore, and changes nothing', () => {
    const dir = tempDir('db');
    const file = join(dir, 'station.sqlite');
    const store = open(file);
    for (let i = 0; i < 300; i++) insertVerification(store.db, store.cipher, { id: `v${i}`, sealed: { inputs: { filler: 'x'.repeat(200) } } });
    store.close();
    const pageSize = 4096;
    expect(statSync(file).size).toBeGreaterThan(pageSize * 12);
    const bytes = readFileSync(file);
    randomBytes(pageSize * 8).copy(bytes, pageSize * 3); // pages 4..11: b-tree pages of the tables
    writeFileSync(file, bytes);
    const before = filesOf(dir);

    const error = openError(() => open(file));
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain(listBackups(file)[0]);
    expect(filesOf(dir)).toEqual(before);
    expect(existsSync(listBackups(file)[0]!)).toBe(true);
  });

  it('reports a missing data folder as unreadable', () => {
    const error = openError(() => open(join(tempDir('db'), 'no-such-folder', 'station.sqlite')));
    expect(error.kind).toBe('unreadable');
  });
});
