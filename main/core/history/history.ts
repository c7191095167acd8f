import type { ServiceId } from '../../../common/services/catalog';
import type { NormalisedResult } from '../../../common/services/result-model';
import type { QueueState } from '../queue/queue-states';
import type { Store } from '../store/open-store';
import { OUTCOMES, type HistoryDetail, type HistoryImage, type HistoryQuery, type HistorySummary, type Mode, type Outcome } from './history-types';
import { sealedColumnReader, subjectOf, type SealedColumnReader, type StoredInputs } from './sealed-columns';
import type { BoundRow } from '../store/row-binding';
import { textCondition } from './text-search';

/**
 * The history: every verification that has left the draft state, whatever became of it (queued,
 * waiting for a person, done, cancelled), with its state shown. A draft is still being put together
 * on screen and is not a verification yet; once queued it is, even if it never gets sent: an
 * operator asking "what happened to the customer at 10:14?" needs the stuck and cancelled ones too.
 *
 * Filters on plain columns (dates, service, verdict, mode) are SQL; free text uses the blind index
 * (text-search.ts). Only the rows on the requested page are decrypted.
 */
export const IN_HISTORY = "state <> 'draft'";

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

export interface History {
  /** Newest first. */
  search(query?: HistoryQuery): HistorySummary[];
  detail(id: string): HistoryDetail | null;
  /** The decrypted image (BlobMissingError once retention removed it). */
  image(blobId: string): Buffer;
}

interface SummaryRow extends BoundRow {
  id: string;
  created_at: number;
  finished_at: number | null;
  service: ServiceId;
  mode: Mode;
  state: QueueState;
  verdict: string | null;
  operator: string | null;
  subject: Buffer | null;
  /** The typed inputs and the customer as entered. */
  inputs: Buffer | null;
}

interface DetailRow extends SummaryRow {
  updated_at: number;
  submitted_at: number | null;
  task_id: string | null;
  attempts: number;
  attention_reason: string | null;
  error_kind: string | null;
  error_message: string | null;
  error_fields: Buffer | null;
  prechecks: Buffer | null;
  override_reason: Buffer | null;
  result: Buffer | null;
}

// Every column: the row MAC covers them all (store/row-binding.ts).
const SUMMARY_COLUMNS = '*';

const asOutcome = (verdict: string | null): Outcome | null => ((OUTCOMES as readonly (string | null)[]).includes(verdict) ? (verdict as Outcome) : null);
const wholeNumber = (value: number | undefined, fallback: number, max: number) => (value === undefined || !Number.isFinite(value) ? fallback : Math.min(max, Math.max(0, Math.floor(value))));

/** The normalised model and Progeny's raw response are one sealed value; the detail shows them apart. */
function splitRaw(result: NormalisedResult | null): { normalised: Omit<NormalisedResult, 'raw'> | null; raw: unknown } {
  if (!result) return { normalised: null, raw: null };
  const { raw, ...normalised } = result;
  return { normalised, raw };
}

export function openHistory(store: Store): History {
  const { db } = store.database;
  const { cipher } = store;

  const selectDetail = db.prepare<[string], DetailRow>(`SELECT * FROM verifications WHERE id = ? AND ${IN_HISTORY}`);
  const selectAttempts = db.prepare<[string], HistoryDetail['attempts'][number]>('SELECT seq, at, action, outcome, detail FROM attempts WHERE verification_id = ? ORDER BY seq');

  /** `sealed` has opened whatever else the caller needed, so `unreadable` covers every column read. */
  function summarise(row: SummaryRow, sealed: SealedColumnReader, inputs: StoredInputs | null): HistorySummary {
    const subject = subjectOf(sealed.subject(row.subject), inputs);
    // Changed outside the station: its plain verdict and mode are whatever the editor wanted. Such a
    // record is never presented as verified or as live; `tampered` tells every screen and export why.
    const tampered = !store.rows.verifies(row);
    return {
      id: row.id,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      service: row.service,
      mode: tampered ? 'training' : row.mode,
      state: row.state,
      verdict: tampered ? null : asOutcome(row.verdict),
      operator: row.operator,
      subject,
      customer: { reference: inputs?.customer?.reference ?? null, name: inputs?.customer?.name ?? null },
      unreadable: sealed.unreadable.length > 0,
      tampered,
    };
  }

  function search(query: HistoryQuery = {}): HistorySummary[] {
    const where = [IN_HISTORY];
    const params: unknown[] = [];
    const text = query.text === undefined ? null : textCondition(store.search, query.text);
    if (text) {
      where.push(text.sql);
      params.push(...text.params);
    }
    if (query.from !== undefined) {
      where.push('created_at >= ?');
      params.push(query.from);
    }
    if (query.to !== undefined) {
      where.push('created_at < ?');
      params.push(query.to);
    }
    // The unary + keeps SQLite off the service/verdict/mode indexes: each of those values covers a
    // large share of the rows, so walking created_at newest first and stopping at the page size is
    // far cheaper than collecting every row of one service and sorting it (bench/history at 100k
    // records: date range + service p95 39 → 2 ms).
    // An empty list means "none chosen", i.e. no filter: the UI's "all services".
    if (query.services?.length) {
      where.push(`+service IN (${query.services.map(() => '?').join(', ')})`);
      params.push(...query.services);
    }
    if (query.outcomes?.length) {
      where.push(`+verdict IN (${query.outcomes.map(() => '?').join(', ')})`);
      params.push(...query.outcomes);
    }
    if (query.mode) {
      where.push('+mode = ?');
      params.push(query.mode);
    }
    if (query.operator !== undefined) {
      where.push('+operator = ?');
      params.push(query.operator);
    }
    params.push(wholeNumber(query.limit, DEFAULT_PAGE, MAX_PAGE), wholeNumber(query.offset, 0, Number.MAX_SAFE_INTEGER));
    // id breaks ties so paging is stable when two verifications share a millisecond.
    const rows = db.prepare<unknown[], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM verifications WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`).all(...params);
    return rows.map((row) => {
      const sealed = sealedColumnReader(cipher, row.id);
      return summarise(row, sealed, sealed.inputs(row.inputs));
    });
  }

  function detail(id: string): HistoryDetail | null {
    const row = selectDetail.get(id);
    if (!row) return null;
    const sealed = sealedColumnReader(cipher, id);
    const inputs = sealed.inputs(row.inputs);
    const result = sealed.result(row.result);
    const errorFields = sealed.errorFields(row.error_fields);
    const prechecks = sealed.prechecks(row.prechecks);
    const overrideReason = sealed.overrideReason(row.override_reason);
    const summary = summarise(row, sealed, inputs);
    const { normalised, raw } = splitRaw(result);
    return {
      ...summary,
      updatedAt: row.updated_at,
      submittedAt: row.submitted_at,
      taskId: row.task_id,
      sendCount: row.attempts,
      attentionReason: row.attention_reason,
      error: row.error_kind === null ? null : { kind: row.error_kind, message: row.error_message, fields: errorFields },
      fields: inputs?.fields ?? {},
      prechecks,
      overrideReason,
      consent: inputs?.consent ?? null,
      result: normalised,
      raw,
      attempts: selectAttempts.all(id),
      images: imagesOf(id, inputs),
      unreadableColumns: [...sealed.unreadable],
    };
  }

  /**
   * The submitted images in submission order (marked unavailable once retention removed them), then
   * any other stored image of the record (thumbnails, portraits) in the order they were stored.
   */
  function imagesOf(id: string, inputs: StoredInputs | null): HistoryImage[] {
    const stored = new Map(store.blobs.listFor(id).map((blob) => [blob.id, blob]));
    const images: HistoryImage[] = Object.entries(inputs?.files ?? {}).map(([field, file]) => {
      const blob = stored.get(file.blobId);
      stored.delete(file.blobId);
      return { blobId: file.blobId, field, kind: blob?.kind ?? 'image', filename: file.filename, contentType: file.contentType, bytes: blob?.bytes ?? null, available: blob !== undefined };
    });
    for (const blob of stored.values()) images.push({ blobId: blob.id, field: blob.field, kind: blob.kind, filename: null, contentType: null, bytes: blob.bytes, available: true });
    return images;
  }

  return {
    search,
    detail,
    image: (blobId) => store.blobs.get(blobId),
  };
}
