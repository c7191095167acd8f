import { closeSync, fsyncSync, openSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { syncFolder, unlinkQuietly } from './atomic-file';
import type { Cipher } from './cipher';
import { MIGRATIONS, type Migration } from './schema';

/**
 * The station's one SQLite database (better-sqlite3, synchronous by design: every call commits
 * before it returns, which is what the write-ahead queue relies on).
 *
 * Settings chosen at open, and why:
 * - journal_mode=WAL: readers (history, export, a second station process) never block the writer.
 * - synchronous=FULL: in WAL mode NORMAL can lose the last commits on power loss. Losing the
 *   commit that recorded "submitting" or a task id could mean a second POST of the same
 *   verification, so every commit is fsynced; at a front desk's write rate the cost is invisible.
 * - foreign_keys=ON, busy_timeout (default 5 s): a short wait for another process's write.
 * - secure_delete=ON: purged rows are zeroed in the file, not left in free pages.
 * - trusted_schema=OFF: nothing in the file's schema may call functions with side effects.
 * - quick_check at every open: a damaged file is reported before the station writes to it.
 *
 * Opening never modifies or deletes a file it cannot use: every failure is a StoreOpenError that
 * says what happened and how to recover (move the file aside, restore `<file>.bak-*`).
 */

export type StoreOpenErrorKind = 'locked' | 'corrupt' | 'too-new' | 'key-mismatch' | 'migration-failed' | 'unreadable' | 'unsupported';

export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  constructor(
    readonly kind: StoreOpenErrorKind,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface OpenDatabaseOptions {
  cipher: Cipher;
  busyTimeoutMs?: number;
  /** Automatic copies `<file>.bak-<time>-v<schema>`: one a day and one before each upgrade. false: none. */
  backups?: { keep: number } | false;
  /** For tests of the migration runner; the station uses MIGRATIONS. */
  migrations?: readonly Migration[];
  now?: () => number;
}

export interface StationDatabase {
  readonly db: Database.Database;
  readonly cipher: Cipher;
  readonly file: string;
  readonly schemaVersion: number;
  /** Copies `db` to `target` (a consistent snapshot, fsynced); used for the automatic backups too. */
  backupTo(target: string): void;
  close(): void;
}

const DEFAULT_BACKUPS = { keep: 3 };

export function openDatabase(file: string, options: OpenDatabaseOptions): StationDatabase {
  const { cipher, busyTimeoutMs = 5_000, migrations = MIGRATIONS, now = Date.now } = options;
  const backups = options.backups ?? DEFAULT_BACKUPS;
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: busyTimeoutMs });
  } catch (error) {
    throw toOpenError(file, error);
  }
  try {
    // Reads only, before anything that could write: a damaged or foreign file fails here untouched.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    quickCheck(db, file);
    if (db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') {
      throw new StoreOpenError('unsupported', file, `${file} cannot use write-ahead logging (is the data folder on a network share?). Nothing was changed. Use a data folder on a local disk.`);
    }
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma('trusted_schema = OFF');

    const backupTo = (target: string) => snapshot(db, target);
    const before = currentVersion(db);
    const latest = Math.max(0, ...migrations.map((m) => m.version));
    if (before > latest) {
      throw new StoreOpenError(
        'too-new',
        file,
        `${file} has schema version ${before}, newer than this station understands (${latest}). Nothing was changed. Run the newer station version, or restore a backup made by this one.`,
      );
    }
    // Before any upgrade: the data must belong to this key, and there must be a way back.
    if (before >= 1) checkKey(db, file, cipher, false);
    const pending = migrations.filter((m) => m.version > before).sort((a, b) => a.version - b.version);
    if (pending.length > 0 && before >= 1 && backups) backupTo(backupName(file, now(), before));
    for (const migration of pending) applyMigration(db, file, migration, now);
    // Also proves at open that this process can take the write lock (StoreOpenError 'locked' if not).
    checkKey(db, file, cipher, true);
    if (backups) dailyBackup(file, backupTo, now(), latest, backups.keep);

    return { db, cipher, file, schemaVersion: currentVersion(db), backupTo, close: () => db.close() };
  } catch (error) {
    db.close();
    throw toOpenError(file, error);
  }
}

/** Backups of `file` in its folder, newest first. */
export function listBackups(file: string): string[] {
  const prefix = `${basename(file)}.bak-`;
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(prefix) && !n.endsWith('.partial'))
    .sort()
    .reverse()
    .map((n) => join(dirname(file), n));
}

function quickCheck(db: Database.Database, file: string): void {
  const findings = db.pragma('quick_check(5)', { simple: false }) as Array<{ quick_check: string }>;
  const problems = findings.map((row) => row.quick_check).filter((text) => text !== 'ok');
  if (problems.length > 0) throw corrupt(file, problems.join('; '));
}

function currentVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  return (db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
}

function applyMigration(db: Database.Database, file: string, migration: Migration, now: () => number): void {
  const apply = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
    // Re-read inside the write lock: another process may have applied it a moment ago.
    if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version)) return;
    db.exec(migration.up);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, now());
  });
  try {
    apply.immediate();
  } catch (error) {
    if (isBusy(error)) throw error;
    const backups = listBackups(file);
    throw new StoreOpenError(
      'migration-failed',
      file,
      `Upgrading ${file} to schema version ${migration.version} (${migration.name}) failed: ${messageOf(error)}. The upgrade was rolled back; nothing was lost.${backups[0] ? ` The copy made before it is ${backups[0]}.` : ''}`,
      { cause: error },
    );
  }
}

/** The database remembers a check value of its data key, so data is never mixed under two keys. */
function checkKey(db: Database.Database, file: string, cipher: Cipher, recordIfMissing: boolean): void {
  const expected = cipher.subkey('key-check').subarray(0, 16);
  const run = db.transaction(() => {
    const stored = db.prepare("SELECT value FROM store_meta WHERE key = 'key_check'").pluck().get() as Buffer | undefined;
    if (stored === undefined) {
      if (recordIfMissing) db.prepare("INSERT INTO store_meta (key, value) VALUES ('key_check', ?)").run(expected);
    } else if (!expected.equals(stored)) {
      throw new StoreOpenError(
        'key-mismatch',
        file,
        `${file} was encrypted with a different data key than the one unlocked (was keyring.json replaced, or copied from another station?). Nothing was changed. Put back the keyring.json that belongs to this data folder.`,
      );
    }
  });
  if (recordIfMissing) run.immediate();
  else run.deferred();
}

function backupName(file: string, at: number, version: number): string {
  const stamp = new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${file}.bak-${stamp}-v${version}`;
}

function dailyBackup(file: string, backupTo: (target: string) => void, at: number, version: number, keep: number): void {
  const day = new Date(at).toISOString().slice(0, 10).replace(/-/g, '');
  const existing = listBackups(file);
  if (!existing.some((b) => basename(b).startsWith(`${basename(file)}.bak-${day}T`))) backupTo(backupName(file, at, version));
  // Only our own copies are ever removed, oldest first; the live file is never touched.
  for (const old of listBackups(file).slice(Math.max(1, keep))) unlinkQuietly(old);
}

/** VACUUM INTO writes a consistent, compacted copy (sealed columns stay sealed); then fsync + rename. */
function snapshot(db: Database.Database, target: string): void {
  const partial = `${target}.partial`;
  unlinkQuietly(partial);
  db.prepare('VACUUM INTO ?').run(partial);
  const fd = openSync(partial, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, target);
  syncFolder(dirname(target));
}

const codeOf = (error: unknown): string => (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : '');
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const isBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(codeOf(error));

function corrupt(file: string, detail: string, cause?: unknown): StoreOpenError {
  const backups = listBackups(file);
  return new StoreOpenError(
    'corrupt',
    file,
    `${file} is damaged (${detail}). It was not modified or deleted. To recover: stop every station process; move ${basename(file)} together with any ${basename(file)}-wal and ${basename(file)}-shm into a safe folder; then ${
      backups[0] ? `copy the newest backup, ${backups[0]}, to ${file}` : 'start the station to begin an empty history (no backup was found)'
    }. Images under blobs/ are kept. Verifications newer than the backup can be salvaged from the moved copy with the sqlite3 ".recover" command.`,
    { cause },
  );
}

function toOpenError(file: string, error: unknown): StoreOpenError {
  if (error instanceof StoreOpenError) return error;
  const code = codeOf(error);
  if (isBusy(error)) {
    return new StoreOpenError(
      'locked',
      file,
      `${file} is locked by another program (another station window, web station or CLI on this data folder, or a backup or sync tool). Nothing was changed. Close the other program and start again; the lock is released when it exits.`,
      { cause: error },
    );
  }
  if (/^SQLITE_(NOTADB|CORRUPT)/.test(code)) return corrupt(file, messageOf(error), error);
  return new StoreOpenError('unreadable', file, `${file} cannot be opened (${messageOf(error)}). Nothing was changed. Check that the data folder exists and that this user may read and write it.`, {
    cause: error,
  });
}
