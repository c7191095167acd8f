import type { AuditLog, AuditVerification } from './audit-log';
import type { StationDatabase } from './database';
import { BOUND_COLUMNS, type BoundRow, type RowBinding } from './row-binding';
import { ROW_MAC_SCHEMA_VERSION } from './schema';

/**
 * The check every open of the store runs: is the audit chain whole, and does every verification
 * row still carry the MAC the station gave it? Someone who can write station.sqlite but does not
 * hold the data key can edit, drop or reorder rows; this is where the station notices and says so
 * (status `integrity`, history `tampered`), instead of trusting what it reads.
 *
 * Rows written before row MACs existed (schema version 1) have none. They are bound once, trusted
 * as they stand, at the first open after the upgrade, and that is recorded in the audit log as a
 * 'store-upgrade' entry. The audit entry, not a flag in store_meta, is what says "already done":
 * a flag could be deleted to make the station bind edited rows again, while removing an audit
 * entry breaks the chain. For the same reason nothing is bound while the chain is broken.
 */

export interface StoreIntegrity {
  audit: AuditVerification;
  /** Verification rows whose MAC is missing or wrong: changed outside the station. */
  tamperedRecords: number;
  /** Rows from before row MACs that this open bound (0 on every later open). */
  rowsBoundNow: number;
}

export const UPGRADE_ACTOR = 'station';

/** Rows (audit entries or verifications) checked per slice before the process gets a turn. */
const SLICE_ROWS = 2_000;

/** Lets other work run between slices (the event loop: the page, the queue). */
export type Pause = () => Promise<void>;
const nextTurn: Pause = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The one-time binding of rows from before row MACs, run at open (it must come before anything
 * writes a row): cheap on every later open, where it is one indexed lookup. Returns the rows bound.
 */
export function bindLegacyRows(database: StationDatabase, audit: AuditLog, binding: RowBinding): number {
  const { db } = database;
  if (database.schemaVersion < ROW_MAC_SCHEMA_VERSION) return 0;
  const upgraded = db.prepare<[], number>("SELECT 1 FROM audit_log WHERE action = 'store-upgrade' LIMIT 1").pluck();
  if (upgraded.get() !== undefined || !audit.verify().ok) return 0;
  return db
    .transaction(() => {
      // Re-read inside the write lock: another station process may have just done it.
      if (upgraded.get() !== undefined) return 0;
      const unbound = db.prepare<[], string>('SELECT id FROM verifications WHERE row_mac IS NULL').pluck().all();
      for (const id of unbound) binding.rebind(db, id);
      audit.append({ actor: UPGRADE_ACTOR, action: 'store-upgrade', details: { schemaVersion: ROW_MAC_SCHEMA_VERSION, rowsBound: unbound.length } });
      return unbound.length;
    })
    .immediate();
}

/**
 * The audit chain and every verification row, a slice at a time with `pause` between slices: at
 * 100,000 records the whole check takes seconds, which must not hold up opening the store (the
 * history bench's open target is 1 s). Rows and entries written meanwhile are checked too.
 */
export async function checkStoreIntegrity(database: StationDatabase, audit: AuditLog, binding: RowBinding, rowsBoundNow = 0, pause: Pause = nextTurn): Promise<StoreIntegrity> {
  const { db } = database;
  const verifier = audit.verifier();
  let verification = verifier.step(SLICE_ROWS);
  while (!verification) {
    await pause();
    verification = verifier.step(SLICE_ROWS);
  }
  if (database.schemaVersion < ROW_MAC_SCHEMA_VERSION) return { audit: verification, tamperedRecords: 0, rowsBoundNow };

  const page = db.prepare<[string, number], BoundRow & { id: string }>(`SELECT ${BOUND_COLUMNS.join(', ')}, row_mac FROM verifications WHERE id > ? ORDER BY id LIMIT ?`);
  let tamperedRecords = 0;
  let after = '';
  for (;;) {
    const rows = page.all(after, SLICE_ROWS);
    for (const row of rows) if (!binding.verifies(row)) tamperedRecords++;
    if (rows.length < SLICE_ROWS) break;
    after = rows[rows.length - 1]!.id;
    await pause();
  }
  return { audit: verification, tamperedRecords, rowsBoundNow };
}
