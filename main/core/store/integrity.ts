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

export function checkStoreIntegrity(database: StationDatabase, audit: AuditLog, binding: RowBinding): StoreIntegrity {
  const { db } = database;
  let verification = audit.verify();
  if (database.schemaVersion < ROW_MAC_SCHEMA_VERSION) return { audit: verification, tamperedRecords: 0, rowsBoundNow: 0 };

  let rowsBoundNow = 0;
  const upgraded = db.prepare<[], number>("SELECT 1 FROM audit_log WHERE action = 'store-upgrade' LIMIT 1").pluck();
  if (verification.ok && upgraded.get() === undefined) {
    rowsBoundNow = db
      .transaction(() => {
        // Re-read inside the write lock: another station process may have just done it.
        if (upgraded.get() !== undefined) return 0;
        const unbound = db.prepare<[], string>('SELECT id FROM verifications WHERE row_mac IS NULL').pluck().all();
        for (const id of unbound) binding.rebind(db, id);
        audit.append({ actor: UPGRADE_ACTOR, action: 'store-upgrade', details: { schemaVersion: ROW_MAC_SCHEMA_VERSION, rowsBound: unbound.length } });
        return unbound.length;
      })
      .immediate();
    verification = audit.verify();
  }

  let tamperedRecords = 0;
  for (const row of db.prepare<[], BoundRow>(`SELECT ${BOUND_COLUMNS.join(', ')}, row_mac FROM verifications`).iterate()) {
    if (!binding.verifies(row)) tamperedRecords++;
  }
  return { audit: verification, tamperedRecords, rowsBoundNow };
}
