import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createKeyFile,
  DEFAULT_SCRYPT,
  externalWrapper,
  KEYRING_FILE,
  KeyFileError,
  KeyRequiredError,
  KeyringFormatError,
  KeyringKindMismatchError,
  keyringKind,
  keyFileWrapper,
  openDataKey,
  passphraseWrapper,
  WrongKeyError,
} from '../../../../main/core/store/keyring';
import { FAST_SCRYPT, tempDir } from './helpers';

const passphrase = (p: string) => passphraseWrapper(p, FAST_SCRYPT);
const snapshotDir = (dir: string) => Object.fromEntries(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n)).toString('base64')]));

/** Stands in for Electron's safeStorage: AES-256-CTR under a "keychain" key the test holds. */
function fakeKeychain(keychainKey = randomBytes(32)) {
  const iv = Buffer.alloc(16);
  return externalWrapper(
    'safe-storage',
    (plain) => Buffer.concat([createCipheriv('aes-256-ctr', keychainKey, iv).update(plain)]),
    (blob) => Buffer.concat([createDecipheriv('aes-256-ctr', keychainKey, iv).update(blob)]),
  );
}

describe('keyring with a passphrase', () => {
  it('creates the key on first use and unlocks it again; the file holds only the wrapped key', () => {
    const dir = tempDir('keyring');
    const first = openDataKey(dir, passphrase('correct horse battery'));
    expect(first).toMatchObject({ kind: 'passphrase', created: true });
    expect(first.key).toHaveLength(32);
    const again = openDataKey(dir, passphrase('correct horse battery'));
    expect(again.created).toBe(false);
    expect(again.key).toEqual(first.key);

    const text = readFileSync(join(dir, KEYRING_FILE), 'utf8');
    const json = JSON.parse(text);
    expect(json).toMatchObject({ format: 'progeny-station-keyring', version: 1, wrapped: { kind: 'passphrase', cipher: 'aes-256-gcm', kdf: { name: 'scrypt', N: 2 ** 14, r: 8, p: 1 } } });
    expect(Buffer.from(json.wrapped.kdf.salt, 'base64')).toHaveLength(16);
    for (const form of [first.key.toString('hex'), first.key.toString('base64')]) expect(text).not.toContain(form);
    expect(readFileSync(join(dir, KEYRING_FILE)).includes(first.key)).toBe(false);
    expect(text).not.toContain('correct horse');
    if (process.platform !== 'win32') expect(statSync(join(dir, KEYRING_FILE)).mode & 0o777).toBe(0o600);
    expect(keyringKind(dir)).toBe('passphrase');
  });

  it('reports a wrong passphrase as WrongKeyError and leaves keyring.json byte-identical', () => {
    const dir = tempDir('keyring');
    openDataKey(dir, passphrase('correct horse battery'));
    const before = snapshotDir(dir);
    expect(() => openDataKey(dir, passphrase('wrong horse battery'))).toThrow(WrongKeyError);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('with a keyring and no key, throws KeyRequiredError naming how to unlock', () => {
    const dir = tempDir('keyring');
    openDataKey(dir, passphrase('correct horse battery'));
    const before = snapshotDir(dir);
    expect(() => openDataKey(dir, null)).toThrow(KeyRequiredError);
    expect(() => openDataKey(dir, null)).toThrow(/STATION_PASSPHRASE/);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('with no keyring and no key, refuses to start rather than store plaintext', () => {
    const dir = tempDir('keyring');
    expect(() => openDataKey(dir, null)).toThrow(KeyRequiredError);
    expect(() => openDataKey(dir, null)).toThrow(/STATION_PASSPHRASE.*--key-file.*keychain/s);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a short passphrase for a new keyring', () => {
    const dir = tempDir('keyring');
    expect(() => openDataKey(dir, passphrase('short'))).toThrow(/at least 8/);
    expect(existsSync(join(dir, KEYRING_FILE))).toBe(false);
  });

  it('uses the documented default cost (N=2^17, r=8, p=1) within its memory limit', () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    const dir = tempDir('keyring');
    const { key } = openDataKey(dir, passphraseWrapper('a real passphrase'));
    expect(openDataKey(dir, passphraseWrapper('a real passphrase')).key).toEqual(key);
  });

  it('refuses a keyring made by another kind of wrapper, naming the right one', () => {
    const dir = tempDir('keyring');
    openDataKey(dir, passphrase('correct horse battery'));
    const keyFile = join(tempDir('kf'), 'station.key');
    createKeyFile(keyFile);
    expect(() => openDataKey(dir, keyFileWrapper(keyFile))).toThrow(KeyringKindMismatchError);
    expect(() => openDataKey(dir, keyFileWrapper(keyFile))).toThrow(/protected by a passphrase/);
  });

  it('leaves a damaged keyring alone and says so', () => {
    const dir = tempDir('keyring');
    writeFileSync(join(dir, KEYRING_FILE), '{"format": "something else"}');
    const before = snapshotDir(dir);
    expect(() => openDataKey(dir, passphrase('correct horse battery'))).toThrow(KeyringFormatError);
    expect(snapshotDir(dir)).toEqual(before);
  });
});

describe('keyring with a key file', () => {
  const newKeyFile = () => {
    const file = join(tempDir('kf'), 'station.key');
    createKeyFile(file);
    return file;
  };

  it('creates a 32-byte key file with mode 0600 and never overwrites one', () => {
    const file = newKeyFile();
    expect(readFileSync(file)).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const before = readFileSync(file);
    expect(() => createKeyFile(file)).toThrow(/EEXIST/);
    expect(readFileSync(file)).toEqual(before);
  });

  it('unlocks with the same key file and refuses another one (keyring untouched)', () => {
    const dir = tempDir('keyring');
    const file = newKeyFile();
    const { key } = openDataKey(dir, keyFileWrapper(file));
    expect(openDataKey(dir, keyFileWrapper(file)).key).toEqual(key);
    const before = snapshotDir(dir);
    expect(() => openDataKey(dir, keyFileWrapper(newKeyFile()))).toThrow(WrongKeyError);
    expect(snapshotDir(dir)).toEqual(before);
    expect(readFileSync(join(dir, KEYRING_FILE)).includes(readFileSync(file))).toBe(false);
  });

  it('refuses a file that is not exactly a private 32-byte key', () => {
    const dir = tempDir('keyring');
    const folder = tempDir('kf');
    const long = join(folder, 'long.key');
    writeFileSync(long, randomBytes(33), { mode: 0o600 });
    expect(() => openDataKey(dir, keyFileWrapper(long))).toThrow(KeyFileError);
    expect(() => openDataKey(dir, keyFileWrapper(join(folder, 'absent.key')))).toThrow(/no such file/);
    expect(() => openDataKey(dir, keyFileWrapper(folder))).toThrow(KeyFileError);
    if (process.platform !== 'win32') {
      const open = newKeyFile();
      chmodSync(open, 0o644);
      expect(() => openDataKey(dir, keyFileWrapper(open))).toThrow(/chmod 600/);
    }
    expect(existsSync(join(dir, KEYRING_FILE))).toBe(false);
  });
});

describe('keyring with an external (Electron safeStorage) wrapper', () => {
  it('creates and unlocks through the host functions', () => {
    const dir = tempDir('keyring');
    const keychain = randomBytes(32);
    const { key } = openDataKey(dir, fakeKeychain(keychain));
    expect(openDataKey(dir, fakeKeychain(keychain))).toMatchObject({ key, kind: 'safe-storage', created: false });
  });

  it('turns a decrypt that throws, or one that returns garbage, into WrongKeyError', () => {
    const dir = tempDir('keyring');
    openDataKey(dir, fakeKeychain());
    const before = snapshotDir(dir);
    // Another user's keychain "decrypts" to 32 wrong bytes; the key check catches it.
    expect(() => openDataKey(dir, fakeKeychain())).toThrow(WrongKeyError);
    const throwing = externalWrapper(
      'safe-storage',
      (b) => b,
      () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString');
      },
    );
    expect(() => openDataKey(dir, throwing)).toThrow(WrongKeyError);
    expect(() => openDataKey(dir, null)).toThrow(/desktop app/);
    expect(snapshotDir(dir)).toEqual(before);
  });
});
