import { createHmac, timingSafeEqual } from 'node:crypto';
import { AUDIT_ACTIONS, type AuditAction } from '../../../common/audit-actions';
import type { Cipher } from './cipher';
import type { StationDatabase } from './database';
import { aad } from './schema';

/**
 * Append-only audit trail with a keyed hash chain. Entry n stores
 *
 *   mac_n = HMAC-SHA256(subkey('audit'), mac_{n-1} ‖ canonicalJson({ seq, at, actor, action, details }))
 *
 * with mac_0 = 32 zero bytes. A keyed MAC rather than a bare hash: anyone holding the database file
 * can recompute a plain hash chain after editing a row, but not an HMAC without the data key. The
 * newest (seq, mac) is also kept, MACed, in store_meta ('audit_head'), so cutting entries off the
 * end is detected too, as long as the head is not rolled back together with the rows (an attacker
 * with an old copy of the file could do that; an off-machine anchor would be the next step).
 *
 * `details` are sealed (AAD audit:<seq>:details). Keep customer PII out of them anyway: the log is
 * kept for good, so "forget" cannot erase what it says. Refer to verifications by id.
 */

export { AUDIT_ACTIONS, type AuditAction };

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface AuditEntry {
  seq: number;
  at: number;
  actor: string;
  action: AuditAction;
  details: { [key: string]: JsonValue };
}

export type AuditFailure = 'sequence-gap' | 'prev-mac-mismatch' | 'mac-mismatch' | 'details-unreadable' | 'unknown-action' | 'head-mismatch';
export type AuditVerification = { ok: true; entries: number } | { ok: false; firstBadSeq: number; reason: AuditFailure };

export interface AuditVerifier {
  /** Checks up to `limit` more entries: the verdict once the whole log is checked, else null. */
  step(limit: number): AuditVerification | null;
}

export interface AuditLog {
  append(entry: { actor: string; action: AuditAction; details?: { [key: string]: JsonValue } }): AuditEntry;
  verify(): AuditVerification;
  /** The same check a slice at a time, so a long log can be verified without blocking the process. */
  verifier(): AuditVerifier;
  /** Entries in seq order; `fromSeq`/`toSeq` inclusive. Details are opened (tampered ones throw). */
  list(range?: { fromSeq?: number; toSeq?: number; limit?: number }): AuditEntry[];
  /** The last `limit` seqs of the log, newest first (the audit view's list). */
  newest(limit: number): AuditEntry[];
}

/** Sorted keys, no whitespace: the same entry always gives the same bytes to MAC. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('audit details must be finite numbers');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
}

/** One row of the `audit_log` table as stored (details sealed). */
export interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  details: Buffer;
  prev_mac: Buffer;
  mac: Buffer;
}

const GENESIS: Buffer = Buffer.alloc(32);
/** Entries read per page by verify(). */
const VERIFY_PAGE = 5_000;
const isAction = (value: string): value is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(value);

export function openAuditLog(store: StationDatabase, now: () => number = Date.now): AuditLog {
  const { db, cipher } = store;
  const key = cipher.subkey('audit');
  const macOf = (prev: Buffer, entry: AuditEntry) =>
    createHmac('sha256', key)
      .update(prev)
      .update(canonicalJson({ seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action, details: entry.details }), 'utf8')
      .digest();
  const headMac = (seq: number, mac: Buffer) => createHmac('sha256', key).update(`audit-head:${seq}:`).update(mac).digest();

  const last = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO audit_log (seq, at, actor, action, details, prev_mac, mac) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const readHead = db.prepare<[], Buffer>("SELECT value FROM store_meta WHERE key = 'audit_head'").pluck();
  const page = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?');
  const newestSeq = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM audit_log');
  const writeHead = db.prepare("INSERT INTO store_meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  const encodeHead = (seq: number, mac: Buffer) => {
    const seqBytes = Buffer.alloc(8);
    seqBytes.writeBigUInt64BE(BigInt(seq));
    return Buffer.concat([seqBytes, mac, headMac(seq, mac)]);
  };

  // IMMEDIATE: two processes appending at once queue up instead of both claiming the same seq.
  const appendTx = db.transaction((entry: Omit<AuditEntry, 'seq'>): AuditEntry => {
    const previous = last.get();
    const full: AuditEntry = { seq: (previous?.seq ?? 0) + 1, ...entry };
    const prevMac = previous?.mac ?? GENESIS;
    const mac = macOf(prevMac, full);
    insert.run(full.seq, full.at, full.actor, full.action, sealDetails(cipher, full), prevMac, mac);
    writeHead.run(encodeHead(full.seq, mac));
    return full;
  });

  const openDetails = (row: AuditRow): AuditEntry['details'] => cipher.openJson(row.details, aad.audit(row.seq)) as AuditEntry['details'];

  const log: AuditLog = {
    append({ actor, action, details = {} }) {
      if (!isAction(action)) throw new TypeError(`unknown audit action "${String(action)}"`);
      canonicalJson(details); // rejects non-JSON values before anything is written
      return appendTx.immediate({ at: now(), actor, action, details });
    },

    verify() {
      const verifier = log.verifier();
      for (;;) {
        const verdict = verifier.step(VERIFY_PAGE);
        if (verdict) return verdict;
      }
    },

    verifier() {
      let prevMac: Buffer = GENESIS;
      let expectedSeq = 1;
      let verdict: AuditVerification | null = null;
      return {
        step(limit) {
          if (verdict) return verdict;
          // One page at a time by seq (no iterator left open across slices: the connection stays usable).
          const rows = page.all(expectedSeq, limit);
          for (const row of rows) {
            const bad = (reason: AuditFailure): AuditVerification => ({ ok: false, firstBadSeq: row.seq, reason });
            if (row.seq !== expectedSeq) return (verdict = { ok: false, firstBadSeq: expectedSeq, reason: 'sequence-gap' });
            if (!equal(row.prev_mac, prevMac)) return (verdict = bad('prev-mac-mismatch'));
            if (!isAction(row.action)) return (verdict = bad('unknown-action'));
            let details: AuditEntry['details'];
            try {
              details = openDetails(row);
            } catch {
              return (verdict = bad('details-unreadable'));
            }
            if (!equal(row.mac, macOf(prevMac, { seq: row.seq, at: row.at, actor: row.actor, action: row.action, details }))) return (verdict = bad('mac-mismatch'));
            prevMac = row.mac;
            expectedSeq++;
          }
          if (rows.length === limit) return null;
          // The end of the log as it stands now (entries appended between slices were read above).
          const count = expectedSeq - 1;
          const head = readHead.get();
          const headOk = head === undefined ? count === 0 : equal(head, encodeHead(count, prevMac));
          // Rows missing from the end: the first missing seq is the one after the last good row.
          verdict = headOk ? { ok: true, entries: count } : { ok: false, firstBadSeq: count + 1, reason: 'head-mismatch' };
          return verdict;
        },
      };
    },

    list({ fromSeq = 1, toSeq = Number.MAX_SAFE_INTEGER, limit = 1_000 } = {}) {
      return db
        .prepare<[number, number, number], AuditRow>('SELECT * FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq LIMIT ?')
        .all(fromSeq, toSeq, limit)
        .map((row) => ({ seq: row.seq, at: row.at, actor: row.actor, action: row.action as AuditAction, details: openDetails(row) }));
    },

    newest(limit) {
      const newest = newestSeq.get()?.seq ?? 0;
      return log.list({ fromSeq: Math.max(1, newest - limit + 1), limit }).reverse();
    },
  };
  return log;
}

function sealDetails(cipher: Cipher, entry: AuditEntry): Buffer {
  return cipher.seal(canonicalJson(entry.details), aad.audit(entry.seq));
}

const equal = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);
