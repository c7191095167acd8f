import type { AuditAction, AuditRow, JsonValue } from '../store/audit-log';
import type { StationDatabase } from '../store/database';
import { aad } from '../store/schema';
import type { ForwardedEntry } from './syslog-message';

/**
 * The durable outbox of audit forwarding: the audit log itself, in the encrypted store, plus a
 * cursor in `store_meta` ('audit_forward_seq') naming the last entry the collector is known to have.
 * Every entry after the cursor is still to send, so nothing is lost while the collector is down or
 * the station is stopped, and order is the log's own. Appending an audit entry costs nothing more.
 */
export interface AuditOutbox {
  /** Last seq the collector has (0: none yet). */
  delivered(): number;
  markDelivered(seq: number, at?: number): void;
  /** Entries after `afterSeq`, oldest first, with their chain MACs. */
  pending(afterSeq: number, limit: number): ForwardedEntry[];
  /** Entries not yet delivered. */
  depth(): number;
}

export const CURSOR_KEY = 'audit_forward_seq';

/** The cursor's bytes: the last delivered seq, then when (ms since the epoch); plain, like the audit log's seq. */
export function decodeCursor(value: Buffer | undefined): { seq: number; at: number } | null {
  if (!value || value.length < 16) return null;
  return { seq: Number(value.readBigUInt64BE(0)), at: Number(value.readBigUInt64BE(8)) };
}

export function openAuditOutbox(store: StationDatabase): AuditOutbox {
  const { db, cipher } = store;
  const readCursor = db.prepare<[string], Buffer>('SELECT value FROM store_meta WHERE key = ?').pluck();
  const writeCursor = db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const page = db.prepare<[number, number], AuditRow>('SELECT seq, at, actor, action, details, prev_mac, mac FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?');
  const newest = db.prepare<[], number | null>('SELECT MAX(seq) FROM audit_log').pluck();

  const delivered = () => decodeCursor(readCursor.get(CURSOR_KEY))?.seq ?? 0;
  return {
    delivered,
    markDelivered(seq, at = Date.now()) {
      const bytes = Buffer.alloc(16);
      bytes.writeBigUInt64BE(BigInt(seq));
      bytes.writeBigUInt64BE(BigInt(at), 8);
      writeCursor.run(CURSOR_KEY, bytes);
    },
    pending(afterSeq, limit) {
      return page.all(afterSeq, limit).map((row) => {
        let details: { [key: string]: JsonValue };
        try {
          details = cipher.openJson(row.details, aad.audit(row.seq)) as { [key: string]: JsonValue };
        } catch {
          // A tampered entry still goes out (its hash shows the SIEM something is wrong), without details.
          details = { unreadable: true };
        }
        return { seq: row.seq, at: row.at, actor: row.actor, action: row.action as AuditAction, details, hash: row.mac.toString('hex'), prevHash: row.prev_mac.toString('hex') };
      });
    },
    depth: () => Math.max(0, (newest.get() ?? 0) - delivered()),
  };
}
