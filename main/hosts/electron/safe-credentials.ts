import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { BoundCredentials, PersistentCredentials } from '../../core/progeny/credential-vault';
import { osEncryptionAvailable } from './safe-storage-key';

export const CREDENTIALS_FILE = 'progeny-credentials.bin';

import { CredentialStorageError } from '../../core/progeny/credential-vault';

export { CredentialStorageError };

export type SafeCredentialStore = PersistentCredentials;

/**
 * Progeny credentials in the Electron host: encrypted with the OS keychain through safeStorage,
 * never in plaintext on disk and never in the renderer. On Linux without a keyring safeStorage falls
 * back to a hard-coded key ('basic_text'); that is not encryption, so the station refuses to
 * remember credentials there rather than pretend, unless the administrator opted in
 * (`STATION_ALLOW_BASIC_TEXT_CREDENTIALS=1`, which the station logs at every start).
 */
export function safeCredentialStore(dataDir: string, options: { allowBasicText?: boolean } = {}): SafeCredentialStore {
  const file = join(dataDir, CREDENTIALS_FILE);
  // An administrator may accept basic_text (obfuscation with a fixed key) for a kiosk without a keyring.
  const usable = options.allowBasicText ? () => safeStorage.isEncryptionAvailable() : osEncryptionAvailable;
  return {
    get() {
      if (!existsSync(file) || !usable()) return Promise.resolve(null);
      const parsed = JSON.parse(safeStorage.decryptString(readFileSync(file))) as Partial<BoundCredentials>;
      if (typeof parsed.username !== 'string' || typeof parsed.password !== 'string') return Promise.resolve(null);
      // The server they were entered for; a file written before that was recorded has none.
      return Promise.resolve({ username: parsed.username, password: parsed.password, ...(typeof parsed.origin === 'string' ? { origin: parsed.origin } : {}) });
    },
    save(credentials) {
      if (!usable()) throw new CredentialStorageError('This computer offers no real encryption for stored secrets (no OS keyring), so the station will not remember Progeny credentials here.');
      const temp = `${file}.tmp`;
      writeFileSync(temp, safeStorage.encryptString(JSON.stringify(credentials)), { mode: 0o600 });
      renameSync(temp, file);
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}
