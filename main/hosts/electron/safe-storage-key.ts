import { safeStorage } from 'electron';
import { externalWrapper, type KeyWrapper } from '../../core/store/keyring';

/** Whether the OS offers real encryption for secrets ('basic_text' on Linux is a fixed key, not encryption). */
export const osEncryptionAvailable = (): boolean => safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');

/** The data key wrapped by the OS keychain: the desktop app unlocks its data without a passphrase. */
export function safeStorageKeyWrapper(): KeyWrapper | null {
  if (!osEncryptionAvailable()) return null;
  return externalWrapper(
    'safe-storage',
    (key) => safeStorage.encryptString(key.toString('base64')),
    (blob) => Buffer.from(safeStorage.decryptString(blob), 'base64'),
  );
}
