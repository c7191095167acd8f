import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openAuditLog, type AuditLog } from './audit-log';
import { createBlindIndex, type BlindIndex } from './blind-index';
import { openBlobStore, type BlobStore } from './blob-store';
import { createCipher, type Cipher } from './cipher';
import { openDatabase, type OpenDatabaseOptions, type StationDatabase } from './database';
import { bindLegacyRows, checkStoreIntegrity, type Pause, type StoreIntegrity } from './integrity';
import { KEYRING_FILE, KeyringError, openDataKey, type KeyWrapper, type WrapperKind } from './keyring';
import { createRowBinding, type RowBinding } from './row-binding';

/** The one database file in the data folder. */
export const DATABASE_FILE = 'station.sqlite';

/** Encrypted data exists but its keyring.json is gone: making a new key would orphan that data. */
export class KeyringMissingError extends KeyringError {
  override readonly name = 'KeyringMissingError';
  constructor(readonly dataDir: string) {
    super(
      `${dataDir} holds encrypted station data but no ${KEYRING_FILE}. A new key would not open the existing data, so the station will not create one. Restore ${KEYRING_FILE} from a backup of this folder, or move the folder aside to start an empty station.`,
    );
  }
}

export interface Store {
  readonly dataDir: string;
  readonly cipher: Cipher;
  readonly database: StationDatabase;
  readonly blobs: BlobStore;
  readonly audit: AuditLog;
  readonly search: BlindIndex;
  /** MACs over whole verification rows: whoever writes a row rebinds it (row-binding.ts). */
  readonly rows: RowBinding;
  /** What the last integrity check found (audit chain, tampered rows); null until one has finished. */
  readonly integrity: StoreIntegrity | null;
  /**
   * Checks the audit chain and every verification row, in slices that leave the process free
   * between them; the station starts it right after opening (integrity.ts).
   */
  checkIntegrity(pause?: Pause): Promise<StoreIntegrity>;
  /** Which wrapper unlocked the key, and whether this start created it. */
  readonly key: { kind: WrapperKind; created: boolean };
  close(): void;
}

/**
 * Unlocks the data key and opens everything on top of it. Throws KeyRequiredError / WrongKeyError
 * / KeyringMissingError / StoreOpenError with messages meant for the operator or IT staff; there is
 * no path that opens the store without a key.
 */
export function openStore(dataDir: string, wrapper: KeyWrapper | null, options: Omit<OpenDatabaseOptions, 'cipher'> = {}): Store {
  if (!existsSync(join(dataDir, KEYRING_FILE)) && holdsEncryptedData(dataDir)) throw new KeyringMissingError(dataDir);
  const opened = openDataKey(dataDir, wrapper);
  const cipher = createCipher(opened.key);
  opened.key.fill(0); // the cipher keeps its own copy; nothing else needs the raw key
  const database = openDatabase(join(dataDir, DATABASE_FILE), { ...options, cipher });
  try {
    const audit = openAuditLog(database, options.now);
    const rows = createRowBinding(cipher);
    const rowsBoundNow = bindLegacyRows(database, audit, rows);
    let integrity: StoreIntegrity | null = null;
    return {
      dataDir,
      cipher,
      database,
      blobs: openBlobStore(dataDir, database, options.now),
      audit,
      search: createBlindIndex(cipher),
      rows,
      get integrity() {
        return integrity;
      },
      async checkIntegrity(pause) {
        integrity = await checkStoreIntegrity(database, audit, rows, rowsBoundNow, pause);
        return integrity;
      },
      key: { kind: opened.kind, created: opened.created },
      close: () => database.close(),
    };
  } catch (error) {
    database.close();
    throw error;
  }
}

function holdsEncryptedData(dataDir: string): boolean {
  if (existsSync(join(dataDir, DATABASE_FILE))) return true;
  const blobs = join(dataDir, 'blobs');
  return existsSync(blobs) && readdirSync(blobs).length > 0;
}
