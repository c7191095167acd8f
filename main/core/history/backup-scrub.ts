import Database from 'better-sqlite3';
import { unlinkQuietly } from '../store/atomic-file';
import { listBackups } from '../store/database';

/**
 * "Forget" and the automatic backups. The store keeps copies of station.sqlite next to it (one a day,
 * newest 3, plus one before each schema upgrade: database.ts). Without this step a forgotten
 * customer's sealed rows would survive in those copies for up to three days, and in a pre-upgrade
 * copy until the next upgrade, and restoring one would bring them back.
 *
 * So after a forget, each copy is scrubbed the same way: its rows for those verifications are
 * deleted (secure_delete) and the file is VACUUMed, which rewrites it without free pages. A copy
 * that cannot be scrubbed (unreadable, or an older schema without these tables) is deleted instead:
 * erasure wins over keeping a restore point. Images are never in backups (they live in blobs/).
 *
 * Not covered: a backup another process is writing at this very moment from a snapshot taken before
 * the forget committed, and copies outside the data folder (system backups): the README says so.
 */

export interface BackupScrubReport {
  scrubbed: number;
  deleted: number;
}

const DELETES = [
  'DELETE FROM blobs WHERE verification_id = ?',
  'DELETE FROM attempts WHERE verification_id = ?',
  'DELETE FROM search_tokens WHERE verification_id = ?',
  'DELETE FROM verifications WHERE id = ?',
];

export function scrubBackups(databaseFile: string, verificationIds: readonly string[]): BackupScrubReport {
  const report: BackupScrubReport = { scrubbed: 0, deleted: 0 };
  if (verificationIds.length === 0) return report;
  for (const backup of listBackups(databaseFile)) {
    try {
      if (scrubOne(backup, verificationIds)) report.scrubbed++;
    } catch {
      unlinkQuietly(backup);
      report.deleted++;
    }
  }
  return report;
}

/** True when the copy held any of the rows (and was rewritten). */
function scrubOne(file: string, ids: readonly string[]): boolean {
  const db = new Database(file, { fileMustExist: true });
  try {
    // As for the live database: zero what is deleted, and run nothing the file's schema might ask for.
    db.pragma('secure_delete = ON');
    db.pragma('trusted_schema = OFF');
    const statements = DELETES.map((sql) => db.prepare(sql));
    const changed = db.transaction(() => ids.reduce((sum, id) => sum + statements.reduce((n, statement) => n + statement.run(id).changes, 0), 0))();
    if (changed === 0) return false;
    db.exec('VACUUM');
    return true;
  } finally {
    db.close();
  }
}
