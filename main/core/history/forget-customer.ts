import { FINAL_STATES, type QueueState } from '../queue/queue-states';
import { normaliseWords } from '../store/blind-index';
import type { Store } from '../store/open-store';
import { scrubBackups, type BackupScrubReport } from './backup-scrub';
import { blobsOf, deleteVerificationRows, truncateWal, unlinkBlobFiles } from './erase';
import type { HistorySubject } from './history-types';
import { sealedColumnReader, subjectOf, type StoredInputs } from './sealed-columns';

/**
 * "Forget this customer": erase every verification of one person, with its images, attempts,
 * search tokens, and its rows in the automatic backups (backup-scrub.ts).
 *
 * Finding them: the blind index narrows (by the name's words and by the document number), then each
 * candidate is decrypted and confirmed, because index matches are prefix matches ("Anna Muster"
 * would also hit "Anna Mustermann"). A record belongs to the person when
 *   - its name (any word order, accents and case ignored) or its document number equals the query's,
 *   - and nothing given contradicts it: a different name, document number or birth date where the
 *     record has one. A record that lacks a value (a background check has no document number) is
 *     not excluded by it, so one "name + document number + birth date" request also finds the
 *     person's background checks, while a namesake with another birth date is left alone.
 * Records with no name and no document number (a bare liveness check) cannot be attributed.
 *
 * Every state is erased, queued work included: an erasure request is explicit, unlike retention.
 * An item the drainer holds at that moment then fails its next compare-and-set transition (its row
 * is gone) and is dropped; nothing is sent for it afterwards. The preview (findCustomerRecords)
 * lets the UI show what will go, and in which state, before asking for confirmation.
 *
 * The audit entry lists verification ids and counts only: the log is kept for good.
 */

export interface CustomerQuery {
  name?: string;
  documentNumber?: string;
  /** ISO 8601 (YYYY-MM-DD) or as typed; compared by its digits. */
  dateOfBirth?: string;
}

export interface ForgetReport {
  at: number;
  /** The erased verifications (ids are not personal data; the UI may list them). */
  verificationIds: string[];
  recordsDeleted: number;
  imagesDeleted: number;
  bytesFreed: number;
  /** Of the erased records, how many were not yet final (queued, in flight, waiting for a person). */
  unfinishedErased: number;
  /** Index matches that could not be decrypted to confirm or rule out: left alone, and reported. */
  unreadableCandidates: number;
  backups: BackupScrubReport;
  walTruncated: boolean;
}

interface IdentityKeys {
  name: string | null;
  documentNumber: string | null;
  dateOfBirth: string | null;
}

// Name: words in any order. Document number and birth date: letters and digits only, so
// "AB 12-345" equals "AB12345" and "1990-01-02" equals "19900102".
const nameKey = (text: string | null | undefined) => (text ? normaliseWords(text).sort().join(' ') || null : null);
const compactKey = (text: string | null | undefined) => (text ? normaliseWords(text).join('') || null : null);

function queryKeys(query: CustomerQuery): IdentityKeys {
  const keys = { name: nameKey(query.name), documentNumber: compactKey(query.documentNumber), dateOfBirth: compactKey(query.dateOfBirth) };
  if (!keys.name && !keys.documentNumber) throw new TypeError('forget needs a name or a document number (a birth date alone is not specific enough)');
  return keys;
}

/** Every name, document number and birth date the record holds (document result and typed inputs). */
function recordKeys(subject: HistorySubject | null, inputs: StoredInputs | null): Record<keyof IdentityKeys, string[]> {
  const fromInputs = subjectOf(null, inputs);
  const values = (pick: (s: HistorySubject) => string | null, key: (t: string | null) => string | null) => [...new Set([subject, fromInputs].flatMap((s) => (s ? (key(pick(s)) ?? []) : [])))];
  return {
    name: values((s) => s.name, nameKey),
    documentNumber: values((s) => s.documentNumber, compactKey),
    dateOfBirth: values((s) => s.dateOfBirth, compactKey),
  };
}

function belongsTo(wanted: IdentityKeys, record: Record<keyof IdentityKeys, string[]>): boolean {
  const agrees = (field: keyof IdentityKeys) => wanted[field] !== null && record[field].includes(wanted[field]);
  const contradicts = (field: keyof IdentityKeys) => wanted[field] !== null && record[field].length > 0 && !record[field].includes(wanted[field]);
  const fields = ['name', 'documentNumber', 'dateOfBirth'] as const;
  return (agrees('name') || agrees('documentNumber')) && !fields.some(contradicts);
}

interface Candidates {
  ids: string[];
  unreadable: number;
}

function findCandidates(store: Store, query: CustomerQuery): Candidates {
  const { db } = store.database;
  const wanted = queryKeys(query);
  // Whole words only: every word of a name or number is in the index whatever its length.
  const texts = [query.name, query.documentNumber, wanted.documentNumber].filter((t): t is string => !!t);
  const matches = new Set<string>();
  for (const text of texts) {
    const tokens = store.search.queryTokens(text);
    if (tokens.length === 0) continue;
    const ids = db
      .prepare<unknown[], string>(`SELECT verification_id FROM search_tokens WHERE token IN (${tokens.map(() => '?').join(', ')}) GROUP BY verification_id HAVING count(*) = ?`)
      .pluck()
      .all(...tokens, tokens.length);
    for (const id of ids) matches.add(id);
  }
  const select = db.prepare<[string], { subject: Buffer | null; inputs: Buffer | null }>('SELECT subject, inputs FROM verifications WHERE id = ?');
  const confirmed: string[] = [];
  let unreadable = 0;
  for (const id of matches) {
    const row = select.get(id);
    if (!row) continue;
    const sealed = sealedColumnReader(store.cipher, id);
    const keys = recordKeys(sealed.subject(row.subject), sealed.inputs(row.inputs));
    if (sealed.unreadable.length > 0) unreadable++;
    else if (belongsTo(wanted, keys)) confirmed.push(id);
  }
  return { ids: confirmed.sort(), unreadable };
}

/** The verifications `forgetCustomer` would erase for this query (for a confirmation screen). */
export function findCustomerRecords(store: Store, query: CustomerQuery): string[] {
  return findCandidates(store, query).ids;
}

export function forgetCustomer(store: Store, query: CustomerQuery, actor: string, now: number = Date.now()): ForgetReport {
  const { db } = store.database;
  const { ids, unreadable } = findCandidates(store, query);
  const blobs = blobsOf(db, ids);
  const stateOf = db.prepare<[string], QueueState>('SELECT state FROM verifications WHERE id = ?').pluck();
  const unfinishedErased = ids.filter((id) => !FINAL_STATES.includes(stateOf.get(id)!)).length;
  const counts = { recordsDeleted: ids.length, imagesDeleted: blobs.length, bytesFreed: blobs.reduce((sum, b) => sum + b.fileBytes, 0), unfinishedErased };

  // Rows and the audit entry commit together: there is never an erasure without its record, or the reverse.
  db.transaction(() => {
    deleteVerificationRows(db, ids);
    store.audit.append({ actor, action: 'forget', details: { verifications: ids, ...counts, unreadableCandidates: unreadable } });
  }).immediate();
  unlinkBlobFiles(store, blobs);
  const walTruncated = ids.length > 0 ? truncateWal(db) : true;
  const backups = scrubBackups(store.database.file, ids);
  return { at: now, verificationIds: ids, ...counts, unreadableCandidates: unreadable, backups, walTruncated };
}
