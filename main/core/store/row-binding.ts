import { createHmac, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Cipher } from './cipher';
import { VERIFICATION_SEALED_COLUMNS } from './schema';

/**
 * Binds every column of a verification row, plain ones included, to the data key:
 *
 *   row_mac = HMAC-SHA256(subkey('row-binding'), 'verification-row/v1' ‖ for each column: name, type, length, value)
 *
 * Why: the plain columns (mode, verdict, state, service, times) drive the history, the TRAINING
 * banner and the evidence report's headline, and anyone who can write station.sqlite could change
 * them without the key. With the MAC, such an edit (or a sealed column swapped for another one of
 * the same row, or nulled) makes the row fail to verify, and the history shows it as tampered.
 *
 * Every write to `verifications` must end with `rebind(id)` in the same transaction (the queue
 * does: sqlite-queue.ts). What a MAC cannot catch: a whole row put back as it was at an earlier
 * moment (its MAC was valid then), e.g. from an old copy of the file.
 */

/** The columns the MAC covers, in this order. A new column is added here only with a new version tag. */
export const BOUND_COLUMNS = [
  'id',
  'created_at',
  'updated_at',
  'service',
  'mode',
  'state',
  'task_id',
  'attempts',
  'next_attempt_at',
  'submitted_at',
  'finished_at',
  'verdict',
  'attention_reason',
  'error_kind',
  'error_message',
  'operator',
  ...VERIFICATION_SEALED_COLUMNS,
] as const;

const VERSION_TAG = 'verification-row/v1';
const MAC_BYTES = 32;

export type BoundRow = Readonly<Record<(typeof BOUND_COLUMNS)[number], unknown>> & { readonly row_mac?: unknown };

export interface RowBinding {
  macOf(row: BoundRow): Buffer;
  /** False for a row with no MAC, a wrong one, or a value of a type the schema does not allow. */
  verifies(row: BoundRow): boolean;
  /** Whether row `id` as stored now verifies (false when there is no such row). */
  intact(db: Database.Database, id: string): boolean;
  /**
   * Recomputes and stores the MAC of row `id` from what is in the database now. Only for a row the
   * caller just created, or one that was `intact` before the caller changed it: rebinding a row
   * edited outside the station would launder the edit.
   */
  rebind(db: Database.Database, id: string): void;
}

/** Type tag ‖ length ‖ bytes, so no two different rows encode to the same bytes. */
function encodeValue(value: unknown): Buffer {
  const framed = (tag: string, bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([Buffer.from(tag, 'ascii'), length, bytes]);
  };
  if (value === null || value === undefined) return framed('n', Buffer.alloc(0));
  if (typeof value === 'number' && Number.isSafeInteger(value)) return framed('i', Buffer.from(String(value), 'ascii'));
  if (typeof value === 'bigint') return framed('i', Buffer.from(value.toString(), 'ascii'));
  if (typeof value === 'string') return framed('t', Buffer.from(value, 'utf8'));
  if (Buffer.isBuffer(value)) return framed('b', value);
  // A REAL or anything else cannot come from a STRICT verifications table written by the station.
  throw new TypeError('a verification column holds a value of an unexpected type');
}

export function createRowBinding(cipher: Cipher): RowBinding {
  const key = cipher.subkey('row-binding');
  const macOf = (row: BoundRow): Buffer => {
    const hmac = createHmac('sha256', key).update(VERSION_TAG, 'utf8');
    for (const column of BOUND_COLUMNS) hmac.update(encodeValue(column)).update(encodeValue(row[column]));
    return hmac.digest();
  };
  const statements = new WeakMap<Database.Database, { select: Database.Statement<[string], BoundRow>; update: Database.Statement<[Buffer, string]> }>();
  const prepared = (db: Database.Database) => {
    let found = statements.get(db);
    if (!found) {
      found = {
        select: db.prepare<[string], BoundRow>(`SELECT ${BOUND_COLUMNS.join(', ')}, row_mac FROM verifications WHERE id = ?`),
        update: db.prepare<[Buffer, string]>('UPDATE verifications SET row_mac = ? WHERE id = ?'),
      };
      statements.set(db, found);
    }
    return found;
  };
  const verifies = (row: BoundRow): boolean => {
    const stored = row.row_mac;
    if (!Buffer.isBuffer(stored) || stored.length !== MAC_BYTES) return false;
    try {
      return timingSafeEqual(stored, macOf(row));
    } catch {
      return false;
    }
  };
  return {
    macOf,
    verifies,
    intact(db, id) {
      const row = prepared(db).select.get(id);
      return row !== undefined && verifies(row);
    },
    rebind(db, id) {
      const { select, update } = prepared(db);
      const row = select.get(id);
      if (row) update.run(macOf(row), id);
    },
  };
}
