import { FINAL_STATES } from '../queue/queue-states';
import type { Store } from '../store/open-store';
import { blobsOf, deleteBlobRows, deleteVerificationRows, truncateWal, unlinkBlobFiles, type BlobToUnlink } from './erase';

// "Forget this customer" is the other way history is erased; it lives next door.
export { findCustomerRecords, forgetCustomer, type CustomerQuery, type ForgetReport } from './forget-customer';

/**
 * Retention: images are deleted N days after their verification finished, whole records M days
 * after. Only records in a final state (done, cancelled) are ever touched: anything still queued,
 * in flight or waiting for a person is work, not history, and is kept whatever its age
 * (`skippedUnsent` counts the ones the policy would otherwise have reached).
 *
 * Age is measured from when the record reached its final state (finished_at, or updated_at for a
 * cancelled one), so a verification that sat in the queue for a week still gets its full N days.
 *
 * Backups: the daily copies of station.sqlite (3 kept) still hold purged rows for up to 3 days,
 * never images (those are files in blobs/, deleted here). Retention is therefore honoured in the
 * copies within 3 days; unlike "forget", purge does not rewrite them every day for that.
 */

export interface RetentionPolicy {
  /** Delete images this many days after the verification finished; null keeps them. */
  imagesAfterDays: number | null;
  /** Delete whole records this many days after they finished; null keeps them. */
  recordsAfterDays: number | null;
}

/** The operator's periods come from Settings (`retention`, defaults in common/default-settings.ts). */
export interface PurgeOptions extends RetentionPolicy {
  /** The moment the policy is applied at (ms since the epoch); default now. */
  now?: number;
  /** Who runs it, for the audit log. */
  actor?: string;
}

export interface PurgeReport {
  at: number;
  /** Records that finished before these moments were affected; null when that rule is off. */
  imagesCutoff: number | null;
  recordsCutoff: number | null;
  imagesDeleted: number;
  recordsDeleted: number;
  /** Size of the deleted image files. */
  bytesFreed: number;
  /** Old enough for the policy but not final (queued, in flight, waiting for a person): kept. */
  skippedUnsent: number;
  /** Image files no row referred to (left by a crash mid-delete), removed before the purge. */
  orphanFilesRemoved: number;
  /** False when another process held a read snapshot, so the WAL could not be emptied yet. */
  walTruncated: boolean;
}

const DAY_MS = 86_400_000;
const FINAL = FINAL_STATES.map((state) => `'${state}'`).join(', ');
// created_at ≤ finished time always, so the created_at index narrows the scan before the finish test.
const FINISHED_BEFORE = `state IN (${FINAL}) AND created_at < @cutoff AND COALESCE(finished_at, updated_at) < @cutoff`;

function cutoff(days: number | null, now: number): number | null {
  if (days === null) return null;
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`retention days must be a number ≥ 0 or null, got ${days}`);
  return now - days * DAY_MS;
}

export function purge(store: Store, options: PurgeOptions): PurgeReport {
  const { db } = store.database;
  const at = options.now ?? Date.now();
  const imagesCutoff = cutoff(options.imagesAfterDays, at);
  const recordsCutoff = cutoff(options.recordsAfterDays, at);
  // Files a crash left behind since the last purge go first, so the report covers everything freed.
  const orphanFilesRemoved = store.blobs.sweepOrphans();

  const records = recordsCutoff === null ? [] : db.prepare<{ cutoff: number }, string>(`SELECT id FROM verifications WHERE ${FINISHED_BEFORE}`).pluck().all({ cutoff: recordsCutoff });
  const recordBlobs = blobsOf(db, records);
  const purgedRecords = new Set(records);
  const imageOwners =
    imagesCutoff === null
      ? []
      : db
          .prepare<{ cutoff: number }, string>(`SELECT id FROM verifications WHERE ${FINISHED_BEFORE} AND id IN (SELECT verification_id FROM blobs)`)
          .pluck()
          .all({ cutoff: imagesCutoff })
          .filter((id) => !purgedRecords.has(id));
  const imageBlobs = blobsOf(db, imageOwners);
  const skippedUnsent = countSkipped(store, imagesCutoff, recordsCutoff);
  const blobs: BlobToUnlink[] = [...recordBlobs, ...imageBlobs];
  const report = { imagesDeleted: blobs.length, recordsDeleted: records.length, bytesFreed: blobs.reduce((sum, b) => sum + b.fileBytes, 0), skippedUnsent };

  const noteImagesGone = db.prepare(
    `INSERT INTO attempts (verification_id, seq, at, action, outcome, detail)
     VALUES (@id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM attempts WHERE verification_id = @id), @at, 'retention', 'images deleted', @detail)`,
  );
  db.transaction(() => {
    deleteVerificationRows(db, records);
    deleteBlobRows(db, imageBlobs);
    // The detail view then says when and why the pictures are missing.
    for (const id of imageOwners) noteImagesGone.run({ id, at, detail: `after ${options.imagesAfterDays} days` });
    // Counts and policy only: the audit log is kept for good and must not name anyone.
    store.audit.append({ actor: options.actor ?? 'retention', action: 'purge', details: { ...report, imagesAfterDays: options.imagesAfterDays, recordsAfterDays: options.recordsAfterDays } });
  }).immediate();
  unlinkBlobFiles(store, blobs);
  const walTruncated = records.length + blobs.length > 0 ? truncateWal(db) : true;
  return { at, imagesCutoff, recordsCutoff, ...report, orphanFilesRemoved, walTruncated };
}

/** Unfinished records the policy would have reached: old enough to lose their record, or their images. */
function countSkipped(store: Store, imagesCutoff: number | null, recordsCutoff: number | null): number {
  const reach: string[] = [];
  const params: Record<string, number> = {};
  if (recordsCutoff !== null) {
    reach.push('created_at < @records');
    params.records = recordsCutoff;
  }
  if (imagesCutoff !== null) {
    reach.push('(created_at < @images AND id IN (SELECT verification_id FROM blobs))');
    params.images = imagesCutoff;
  }
  if (reach.length === 0) return 0;
  const sql = `SELECT count(*) FROM verifications WHERE state NOT IN (${FINAL}) AND (${reach.join(' OR ')})`;
  return store.database.db.prepare<Record<string, number>, number>(sql).pluck().get(params)!;
}
