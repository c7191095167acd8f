import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { createCipher, type Cipher } from '../../../../main/core/store/cipher';
import { createRowBinding } from '../../../../main/core/store/row-binding';
import { aad, VERIFICATION_SEALED_COLUMNS, type VerificationSealedColumn } from '../../../../main/core/store/schema';

/** scrypt at its lowest accepted cost: the tests exercise the format, not the work factor. */
export const FAST_SCRYPT = { N: 2 ** 14, r: 8, p: 1 } as const;

export const tempDir = (label: string): string => mkdtempSync(join(tmpdir(), `station-store-${label}-`));
export const randomCipher = (): Cipher => createCipher(randomBytes(32));

export interface TestVerification {
  id: string;
  createdAt?: number;
  operator?: string;
  sealed?: Partial<Record<VerificationSealedColumn, unknown>>;
}

/** Inserts a verification the way the queue does: plain columns plain, sealed columns sealed with their AAD, the row MAC'd. */
export function insertVerification(db: Database.Database, cipher: Cipher, v: TestVerification): void {
  const at = v.createdAt ?? Date.now();
  const sealed = VERIFICATION_SEALED_COLUMNS.map((column) => {
    const value = v.sealed?.[column];
    return value === undefined ? null : cipher.sealJson(value, aad.verification(v.id, column));
  });
  db.prepare(
    `INSERT INTO verifications (id, created_at, updated_at, service, mode, state, operator, ${VERIFICATION_SEALED_COLUMNS.join(', ')})
     VALUES (?, ?, ?, 'identity', 'training', 'ready', ?, ${VERIFICATION_SEALED_COLUMNS.map(() => '?').join(', ')})`,
  ).run(v.id, at, at, v.operator ?? 'desk-1', ...sealed);
  createRowBinding(cipher).rebind(db, v.id);
}
