import { randomBytes, scryptSync } from 'node:crypto';
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { aeadOpen, aeadSeal, createCipher, deriveKey, KEY_BYTES, TamperedCiphertextError } from './cipher';

/**
 * The data key: 32 random bytes made on first use, which seal every PII field and image. It is
 * stored only wrapped (encrypted) in `<dataDir>/keyring.json`; the plain key exists in memory
 * only. Who can unwrap it depends on the host:
 *
 *   safe-storage  Electron host: the OS keychain (Keychain, DPAPI, libsecret) via safeStorage.
 *   passphrase    web station and CLI: STATION_PASSPHRASE or a prompt, stretched with scrypt.
 *   key-file      web station and CLI: `--key-file`, a 32-byte random file made by createKeyFile.
 *
 * With a keyring on disk and no way to unlock it the station refuses to start (KeyRequiredError);
 * there is no plaintext mode to fall back to.
 */

export const KEYRING_FILE = 'keyring.json';
export type WrapperKind = 'safe-storage' | 'passphrase' | 'key-file';

/** JSON the wrapper writes into keyring.json; `kind` says which wrapper can open it. */
export interface WrappedKey {
  kind: WrapperKind;
  [field: string]: unknown;
}

export interface KeyWrapper {
  readonly kind: WrapperKind;
  wrap(key: Buffer): WrappedKey;
  /** Throws WrongKeyError when this passphrase / key file / keychain does not open `wrapped`. */
  unwrap(wrapped: WrappedKey): Buffer;
}

export class KeyringError extends Error {}

/** A keyring exists (or data must be protected) but the host supplied no way to unlock it. */
export class KeyRequiredError extends KeyringError {
  override readonly name = 'KeyRequiredError';
  constructor(readonly keyringKind: WrapperKind | null) {
    super(
      keyringKind === null
        ? 'The station keeps personal data encrypted and needs a key to protect it: set STATION_PASSPHRASE (or answer the prompt), pass --key-file <file>, or run the desktop app, which uses the OS keychain.'
        : `The station data is locked (keyring protected by ${describeKind(keyringKind)}). ${howToUnlock(keyringKind)}`,
    );
  }
}

/** The passphrase, key file or keychain does not open this keyring. Nothing on disk was changed. */
export class WrongKeyError extends KeyringError {
  override readonly name = 'WrongKeyError';
  constructor(readonly kind: WrapperKind) {
    super(`The ${describeKind(kind)} does not unlock this station's data (nothing was changed). ${howToUnlock(kind)}`);
  }
}

/** The keyring was made with another kind of wrapper than the one offered. */
export class KeyringKindMismatchError extends KeyringError {
  override readonly name = 'KeyringKindMismatchError';
  constructor(
    readonly keyringKind: WrapperKind,
    readonly offeredKind: WrapperKind,
  ) {
    super(`This station's data is protected by ${describeKind(keyringKind)}, not by ${describeKind(offeredKind)}. ${howToUnlock(keyringKind)}`);
  }
}

/** keyring.json is unreadable or not ours. It is never rewritten: restore it from a backup. */
export class KeyringFormatError extends KeyringError {
  override readonly name = 'KeyringFormatError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file} is not a usable station keyring (${detail}). It was left untouched; restore it from a backup. Without it the encrypted data cannot be read.`);
  }
}

export class KeyFileError extends KeyringError {
  override readonly name = 'KeyFileError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`Key file ${file} refused: ${detail}. A key file is exactly ${KEY_BYTES} random bytes, readable only by its owner.`);
  }
}

function describeKind(kind: WrapperKind): string {
  return { 'safe-storage': 'the OS keychain (desktop app)', passphrase: 'a passphrase', 'key-file': 'a key file' }[kind];
}
function howToUnlock(kind: WrapperKind): string {
  return {
    'safe-storage': 'Open it with the desktop app on the same computer and user account.',
    passphrase: 'Set STATION_PASSPHRASE or enter the passphrase at the prompt.',
    'key-file': 'Start with --key-file <file> pointing at the key file chosen when the data was created.',
  }[kind];
}

// ── keyring.json ──────────────────────────────────────────────────────────────────────────────

const KEYRING_FORMAT = 'progeny-station-keyring';
const KEYRING_VERSION = 1;
const KeyringSchema = z.object({
  format: z.literal(KEYRING_FORMAT),
  version: z.literal(KEYRING_VERSION),
  createdAt: z.string(),
  /** First 16 bytes of subkey('key-check'): tells a wrong unwrap (garbage bytes) from the right key. */
  keyCheck: z.string(),
  wrapped: z.looseObject({ kind: z.enum(['safe-storage', 'passphrase', 'key-file']) }),
});
type KeyringFile = z.infer<typeof KeyringSchema>;

export const keyCheckValue = (key: Buffer): Buffer => createCipher(key).subkey('key-check').subarray(0, 16);

export interface OpenedDataKey {
  key: Buffer;
  kind: WrapperKind;
  /** True when this call made the key (first start of this data folder). */
  created: boolean;
}

/**
 * Unlocks (or, on first use, creates) the data key of `dataDir`. Only ever reads an existing
 * keyring: a wrong key, wrong kind or damaged file throws and leaves every byte as it was.
 */
export function openDataKey(dataDir: string, wrapper: KeyWrapper | null, now: () => Date = () => new Date()): OpenedDataKey {
  const file = join(dataDir, KEYRING_FILE);
  if (!existsSync(file)) {
    if (!wrapper) throw new KeyRequiredError(null);
    const key = randomBytes(KEY_BYTES);
    const keyring: KeyringFile = { format: KEYRING_FORMAT, version: KEYRING_VERSION, createdAt: now().toISOString(), keyCheck: keyCheckValue(key).toString('base64'), wrapped: wrapper.wrap(key) };
    // Prove the wrapper can open what it wrapped before the key protects any data.
    if (!unwrapChecked(keyring, wrapper).equals(key)) throw new Error(`the ${wrapper.kind} wrapper did not round-trip the data key`);
    try {
      writeFileAtomic(file, Buffer.from(`${JSON.stringify(keyring, null, 2)}\n`), { replace: false });
    } catch (error) {
      // Another process created the keyring at the same moment: use theirs, never replace it.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return openDataKey(dataDir, wrapper, now);
      throw error;
    }
    return { key, kind: wrapper.kind, created: true };
  }
  const keyring = readKeyring(file);
  if (!wrapper) throw new KeyRequiredError(keyring.wrapped.kind);
  return { key: unwrapChecked(keyring, wrapper), kind: wrapper.kind, created: false };
}

/** Which wrapper a data folder's keyring needs, or null when there is none yet. */
export function keyringKind(dataDir: string): WrapperKind | null {
  const file = join(dataDir, KEYRING_FILE);
  return existsSync(file) ? readKeyring(file).wrapped.kind : null;
}

function readKeyring(file: string): KeyringFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new KeyringFormatError(file, error instanceof Error ? error.message : 'unreadable');
  }
  const parsed = KeyringSchema.safeParse(json);
  if (!parsed.success) throw new KeyringFormatError(file, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

function unwrapChecked(keyring: KeyringFile, wrapper: KeyWrapper): Buffer {
  if (keyring.wrapped.kind !== wrapper.kind) throw new KeyringKindMismatchError(keyring.wrapped.kind, wrapper.kind);
  const key = wrapper.unwrap(keyring.wrapped);
  // An external wrapper (OS keychain) may "decrypt" to garbage instead of failing.
  if (key.length !== KEY_BYTES || !keyCheckValue(key).equals(Buffer.from(keyring.keyCheck, 'base64'))) throw new WrongKeyError(wrapper.kind);
  return key;
}

// ── wrappers ──────────────────────────────────────────────────────────────────────────────────

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
/**
 * OWASP's recommended minimum for scrypt (N=2^17, r=8, p=1): 128 MiB and about 250 ms on this
 * team's 2-core machines, paid once per start. Stored per keyring, so raising it later still
 * opens old keyrings.
 */
export const DEFAULT_SCRYPT: Readonly<ScryptParams> = { N: 2 ** 17, r: 8, p: 1 };
export const MIN_PASSPHRASE_LENGTH = 8;

const PassphraseWrapSchema = z.object({
  kind: z.literal('passphrase'),
  kdf: z.object({
    name: z.literal('scrypt'),
    // Bounds keep a tampered keyring from asking for gigabytes of memory.
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, 'a power of two'),
    r: z.number().int().min(8).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.string(),
  }),
  cipher: z.literal('aes-256-gcm'),
  sealed: z.string(),
});

/** scrypt's working memory is 128·N·r bytes; Node's default cap (32 MiB) would refuse N=2^17. */
const scryptMaxmem = ({ N, r, p }: ScryptParams) => 128 * N * r + 128 * r * p + 16 * 1024 * 1024;

export function passphraseWrapper(passphrase: string, params: Readonly<ScryptParams> = DEFAULT_SCRYPT): KeyWrapper {
  // NFC so the same passphrase typed on another keyboard or OS gives the same bytes.
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  const kek = (salt: Buffer, { N, r, p }: ScryptParams) => scryptSync(secret, salt, KEY_BYTES, { N, r, p, maxmem: scryptMaxmem({ N, r, p }) });
  const AAD = 'keyring:passphrase';
  return {
    kind: 'passphrase',
    wrap(key) {
      if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw new KeyringError(`a station passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`);
      const salt = randomBytes(16);
      const wrappingKey = kek(salt, params);
      const sealed = aeadSeal(wrappingKey, key, AAD);
      wrappingKey.fill(0);
      return { kind: 'passphrase', kdf: { name: 'scrypt', ...params, salt: salt.toString('base64') }, cipher: 'aes-256-gcm', sealed: sealed.toString('base64') };
    },
    unwrap(wrapped) {
      const parsed = PassphraseWrapSchema.safeParse(wrapped);
      if (!parsed.success) throw new KeyringFormatError(KEYRING_FILE, 'passphrase entry malformed');
      const { kdf, sealed } = parsed.data;
      const wrappingKey = kek(Buffer.from(kdf.salt, 'base64'), kdf);
      try {
        return openOrWrongKey(wrappingKey, sealed, AAD, 'passphrase');
      } finally {
        wrappingKey.fill(0);
      }
    },
  };
}

const KeyFileWrapSchema = z.object({ kind: z.literal('key-file'), kdf: z.literal('hkdf-sha256'), cipher: z.literal('aes-256-gcm'), sealed: z.string() });

/** The key file's bytes are already uniformly random, so HKDF (not a slow KDF) derives the wrapping key. */
export function keyFileWrapper(path: string): KeyWrapper {
  const AAD = 'keyring:key-file';
  const wrappingKey = () => {
    const fileKey = readKeyFile(path);
    const derived = deriveKey(fileKey, 'progeny-station/keyring/key-file');
    fileKey.fill(0);
    return derived;
  };
  return {
    kind: 'key-file',
    wrap(key) {
      const kek = wrappingKey();
      const sealed = aeadSeal(kek, key, AAD);
      kek.fill(0);
      return { kind: 'key-file', kdf: 'hkdf-sha256', cipher: 'aes-256-gcm', sealed: sealed.toString('base64') };
    },
    unwrap(wrapped) {
      const parsed = KeyFileWrapSchema.safeParse(wrapped);
      if (!parsed.success) throw new KeyringFormatError(KEYRING_FILE, 'key-file entry malformed');
      const kek = wrappingKey();
      try {
        return openOrWrongKey(kek, parsed.data.sealed, AAD, 'key-file');
      } finally {
        kek.fill(0);
      }
    },
  };
}

/** Writes a new random key file (mode 0600). Never overwrites an existing file. */
export function createKeyFile(path: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, randomBytes(KEY_BYTES));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readKeyFile(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new KeyFileError(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read');
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new KeyFileError(path, 'not a regular file');
    if (stat.size !== KEY_BYTES) throw new KeyFileError(path, `it is ${stat.size} bytes, not ${KEY_BYTES}`);
    // Like ssh with private keys: a key others can read is not a secret any more.
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) throw new KeyFileError(path, `its permissions are ${(stat.mode & 0o777).toString(8)}; run chmod 600 on it`);
    const key = Buffer.alloc(KEY_BYTES);
    if (readSync(fd, key, 0, KEY_BYTES, 0) !== KEY_BYTES) throw new KeyFileError(path, 'short read');
    return key;
  } finally {
    closeSync(fd);
  }
}

const ExternalWrapSchema = z.object({ kind: z.literal('safe-storage'), blob: z.string() });

/**
 * A wrapper backed by the host's secret storage. The Electron host passes safeStorage, e.g.
 * `externalWrapper('safe-storage', (k) => safeStorage.encryptString(k.toString('base64')),
 * (b) => Buffer.from(safeStorage.decryptString(b), 'base64'))`, after checking
 * `safeStorage.isEncryptionAvailable()` (and, on Linux, that the backend is not 'basic_text',
 * which is not real protection): when it is unavailable the host offers a passphrase instead.
 */
export function externalWrapper(kind: 'safe-storage', encrypt: (key: Buffer) => Buffer, decrypt: (blob: Buffer) => Buffer): KeyWrapper {
  return {
    kind,
    wrap: (key) => ({ kind, blob: encrypt(key).toString('base64') }),
    unwrap(wrapped) {
      const parsed = ExternalWrapSchema.safeParse(wrapped);
      if (!parsed.success) throw new KeyringFormatError(KEYRING_FILE, `${kind} entry malformed`);
      try {
        return decrypt(Buffer.from(parsed.data.blob, 'base64'));
      } catch {
        throw new WrongKeyError(kind);
      }
    },
  };
}

function openOrWrongKey(kek: Buffer, sealedBase64: string, aad: string, kind: WrapperKind): Buffer {
  try {
    return aeadOpen(kek, Buffer.from(sealedBase64, 'base64'), aad);
  } catch (error) {
    if (error instanceof TamperedCiphertextError) throw new WrongKeyError(kind);
    throw error;
  }
}
