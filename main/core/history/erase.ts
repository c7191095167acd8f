import type Database from 'better-sqlite3';
import { SEALED_OVERHEAD } from '../store/cipher';
import type { Store } from '../store/open-store';

/**
 * Deleting history for good, shared by retention and "forget this customer".
 *
 * Order: every row goes in one transaction (with its audit entry), the image files after the
 * commit. The database is then all-or-nothing; a crash between commit and unlink leaves only
 * sealed files no row refers to, which `blobs.sweepOrphans` removes (purge runs it first thing).
 * The blobs FK is ON DELETE RESTRICT, so blob rows go before their verification.
 *
 * What "deleted" covers on disk: the database runs with secure_delete=ON (freed content is zeroed)
 * and the WAL is checkpointed and truncated afterwards, so the sealed bytes are gone from
 * station.sqlite and station.sqlite-wal, not just unlinked from the b-tree. Backups: see
 * backup-scrub.ts.
 */

export interface BlobToUnlink {
  id: string;
  /** Size of the sealed file: plaintext plus the seal's fixed overhead. */
  fileBytes: number;
}

interface BlobRow {
  id: string;
  bytes: number;
}

export function blobsOf(db: Database.Database, verificationIds: Iterable<string>): BlobToUnlink[] {
  const select = db.prepare<[string], BlobRow>('SELECT id, bytes FROM blobs WHERE verification_id = ?');
  return [...verificationIds].flatMap((id) => select.all(id).map((row) => ({ id: row.id, fileBytes: row.bytes + SEALED_OVERHEAD })));
}

/** Deletes blob rows (call inside the transaction that also records why). */
export function deleteBlobRows(db: Database.Database, blobs: readonly BlobToUnlink[]): void {
  const remove = db.prepare('DELETE FROM blobs WHERE id = ?');
  for (const blob of blobs) remove.run(blob.id);
}

/**
 * Deletes verifications with everything that hangs off them. Attempts and search tokens would go by
 * ON DELETE CASCADE; they are deleted explicitly so the erasure does not depend on foreign_keys=ON.
 * Call inside a transaction, after deleteBlobRows for their blobs.
 */
export function deleteVerificationRows(db: Database.Database, ids: readonly string[]): void {
  const statements = [
    'DELETE FROM blobs WHERE verification_id = ?',
    'DELETE FROM attempts WHERE verification_id = ?',
    'DELETE FROM search_tokens WHERE verification_id = ?',
    'DELETE FROM verifications WHERE id = ?',
  ].map((sql) => db.prepare(sql));
  for (const id of ids) for (const statement of statements) statement.run(id);
}

/** After the commit: removes the sealed files (their rows are gone already, so this only unlinks). */
export function unlinkBlobFiles(store: Store, blobs: readonly BlobToUnlink[]): void {
  for (const blob of blobs) store.blobs.delete(blob.id);
}

/**
 * Copies the WAL into the database and truncates it to zero bytes, so deleted pages do not linger
 * in old WAL frames. False when another process was reading (the WAL then empties at its next
 * checkpoint); nothing fails because of it.
 */
export function truncateWal(db: Database.Database): boolean {
  const [status] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
  return status?.busy === 0;
}
