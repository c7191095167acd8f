import type { AuditLog } from '../store/audit-log';
import type { History } from './history';
import type { HistoryDetail } from './history-types';

/**
 * A date range of history as one JSON document, for record keeping or a back-office import.
 *
 * Images are left out; each record lists its images by field, kind, size and blob id. Inlined, a
 * month of kyc records would be hundreds of megabytes of base64 in one file, and the images are the
 * most sensitive part: whoever needs one exports that record's evidence report.
 *
 * The result is plaintext personal data: the caller writes it only where the operator chose, and
 * the audit entry records the range and count (no names).
 */

export const HISTORY_EXPORT_VERSION = 1;

export interface HistoryExport {
  version: typeof HISTORY_EXPORT_VERSION;
  kind: 'progeny-station/history-export';
  exported_at: string;
  exported_by: string;
  /** Records created in [from, to): ISO 8601 UTC. */
  range: { from: string; to: string };
  /** Every time inside `records` is milliseconds since the Unix epoch (UTC), as stored. */
  time_unit: 'ms-since-epoch-utc';
  images: 'listed-not-included';
  count: number;
  records: HistoryDetail[];
}

export function exportRange(history: History, audit: AuditLog, range: { from: number; to: number }, actor: string, now: number = Date.now()): HistoryExport {
  if (!Number.isFinite(range.from) || !Number.isFinite(range.to) || range.from > range.to) throw new RangeError('export range needs finite from ≤ to (ms since the epoch)');
  const records = history.idsCreatedBetween(range.from, range.to).flatMap((id) => history.detail(id) ?? []);
  audit.append({ actor, action: 'export', details: { format: 'history-json', from: range.from, to: range.to, count: records.length } });
  return {
    version: HISTORY_EXPORT_VERSION,
    kind: 'progeny-station/history-export',
    exported_at: new Date(now).toISOString(),
    exported_by: actor,
    range: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() },
    time_unit: 'ms-since-epoch-utc',
    images: 'listed-not-included',
    count: records.length,
    records,
  };
}
