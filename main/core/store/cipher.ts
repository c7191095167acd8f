import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption for everything the station keeps at rest: AES-256-GCM from Node's
 * crypto, nothing home-made.
 *
 * Sealed layout: version (1 byte) ‖ nonce (12 bytes, random per item) ‖ ciphertext ‖ tag (16 bytes).
 * The version byte and the caller's AAD string are both authenticated, so a ciphertext moved to
 * another row or column (a different AAD, e.g. `verification:<id>:inputs`) or an edited byte
 * anywhere fails to open instead of decrypting to someone else's data.
 *
 * Random 96-bit nonces are safe for about 2^32 items per key (NIST SP 800-38D); a station seals
 * a few thousand items a day, so one data key lasts far beyond the life of the machine.
 */

export const SEALED_VERSION = 1;
export const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Smallest possible sealed item: header, nonce and tag around an empty plaintext. */
export const SEALED_OVERHEAD = 1 + NONCE_BYTES + TAG_BYTES;

/** A sealed item failed to open: wrong place (AAD), wrong key, or bytes changed since sealing. */
export class TamperedCiphertextError extends Error {
  override readonly name = 'TamperedCiphertextError';
  constructor(
    readonly aad: string,
    readonly reason: 'too-short' | 'unknown-version' | 'authentication-failed',
  ) {
    super(`sealed data for "${aad}" cannot be opened (${reason}): it was altered, moved from another place, or sealed with another key`);
  }
}

export interface Cipher {
  seal(plaintext: Uint8Array | string, aad: string): Buffer;
  open(sealed: Uint8Array, aad: string): Buffer;
  openText(sealed: Uint8Array, aad: string): string;
  /** Seals `JSON.stringify(value)`; pair with openJson. */
  sealJson(value: unknown, aad: string): Buffer;
  /** Opens and parses; `unknown` on purpose, callers validate the shape. */
  openJson(sealed: Uint8Array, aad: string): unknown;
  /** An independent 32-byte key for another use of the data key (HKDF-SHA256), e.g. 'search', 'audit'. */
  subkey(purpose: string): Buffer;
}

const versionHeader = Buffer.from([SEALED_VERSION]);
// The version byte is authenticated too: a reader never trusts a header it did not verify.
const associatedData = (aad: string) => Buffer.concat([versionHeader, Buffer.from(aad, 'utf8')]);

/** AES-256-GCM seal with an explicit key; used by createCipher and by the keyring's key wrapping. */
export function aeadSeal(key: Buffer, plaintext: Uint8Array | string, aad: string): Buffer {
  assertKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const gcm = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  gcm.setAAD(associatedData(aad));
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const body = Buffer.concat([gcm.update(data), gcm.final()]);
  return Buffer.concat([versionHeader, nonce, body, gcm.getAuthTag()]);
}

export function aeadOpen(key: Buffer, sealed: Uint8Array, aad: string): Buffer {
  assertKey(key);
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.length < SEALED_OVERHEAD) throw new TamperedCiphertextError(aad, 'too-short');
  if (bytes[0] !== SEALED_VERSION) throw new TamperedCiphertextError(aad, 'unknown-version');
  const nonce = bytes.subarray(1, 1 + NONCE_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const body = bytes.subarray(1 + NONCE_BYTES, bytes.length - TAG_BYTES);
  const gcm = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  gcm.setAAD(associatedData(aad));
  gcm.setAuthTag(tag);
  try {
    return Buffer.concat([gcm.update(body), gcm.final()]);
  } catch {
    throw new TamperedCiphertextError(aad, 'authentication-failed');
  }
}

/** HKDF-SHA256 with a fixed application salt; `info` names the use so keys never overlap. */
export function deriveKey(inputKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', inputKey, 'progeny-station/hkdf-salt/v1', info, KEY_BYTES));
}

export function createCipher(dataKey: Buffer): Cipher {
  assertKey(dataKey);
  // The data key itself never touches AES or HMAC directly: every use gets its own derived key,
  // and the encryption key's info string cannot collide with any `subkey(purpose)`.
  const root = Buffer.from(dataKey);
  const sealKey = deriveKey(root, 'progeny-station/seal/aes-256-gcm');

  const cipher: Cipher = {
    seal: (plaintext, aad) => aeadSeal(sealKey, plaintext, aad),
    open: (sealed, aad) => aeadOpen(sealKey, sealed, aad),
    openText: (sealed, aad) => aeadOpen(sealKey, sealed, aad).toString('utf8'),
    sealJson: (value, aad) => aeadSeal(sealKey, JSON.stringify(value), aad),
    openJson: (sealed, aad) => JSON.parse(aeadOpen(sealKey, sealed, aad).toString('utf8')) as unknown,
    subkey(purpose) {
      if (!/^[a-z][a-z0-9-]{0,63}$/.test(purpose)) throw new Error(`subkey purpose must be a short kebab-case name, got "${purpose}"`);
      return deriveKey(root, `progeny-station/subkey/${purpose}`);
    },
  };
  return cipher;
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`an AES-256 key is ${KEY_BYTES} bytes, got ${key.length}`);
}
