import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aeadOpen, aeadSeal, createCipher, SEALED_OVERHEAD, TamperedCiphertextError } from '../../../../main/core/store/cipher';

describe('cipher', () => {
  const cipher = createCipher(randomBytes(32));

  it('round-trips bytes, text and JSON', () => {
    const bytes = randomBytes(1000);
    expect(cipher.open(cipher.seal(bytes, 'blob:1'), 'blob:1')).toEqual(bytes);
    expect(cipher.openText(cipher.seal('Erika Müller 🪪', 'a'), 'a')).toBe('Erika Müller 🪪');
    expect(cipher.openJson(cipher.sealJson({ n: 1, s: ['x'] }, 'a'), 'a')).toEqual({ n: 1, s: ['x'] });
    expect(cipher.openText(cipher.seal('', 'empty'), 'empty')).toBe('');
  });

  it('uses a version byte and a fresh 12-byte nonce per item', () => {
    const a = cipher.seal('same', 'x');
    const b = cipher.seal('same', 'x');
    expect(a[0]).toBe(1);
    expect(a.length).toBe(SEALED_OVERHEAD + 4);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses a ciphertext opened in another place (AAD mismatch)', () => {
    const sealed = cipher.seal('DOB 1970-01-01', 'verification:a:subject');
    expect(() => cipher.open(sealed, 'verification:b:subject')).toThrow(TamperedCiphertextError);
    expect(() => cipher.open(sealed, 'verification:a:inputs')).toThrow(/authentication-failed/);
  });

  it('detects a flipped bit anywhere, a truncation, and an unknown version', () => {
    const sealed = cipher.seal('a secret document number', 'x');
    for (let i = 0; i < sealed.length; i++) {
      const copy = Buffer.from(sealed);
      copy[i]! ^= 0x01;
      expect(() => cipher.open(copy, 'x'), `byte ${i}`).toThrow(TamperedCiphertextError);
    }
    expect(() => cipher.open(sealed.subarray(0, 20), 'x')).toThrow(/too-short/);
    const v2 = Buffer.from(sealed);
    v2[0] = 2;
    expect(() => cipher.open(v2, 'x')).toThrow(/unknown-version/);
  });

  it('refuses a ciphertext from another data key', () => {
    const other = createCipher(randomBytes(32));
    expect(() => other.open(cipher.seal('x', 'a'), 'a')).toThrow(TamperedCiphertextError);
  });

  it('derives distinct, stable subkeys that differ from the sealing key', () => {
    const key = randomBytes(32);
    const one = createCipher(key);
    const two = createCipher(Buffer.from(key));
    expect(one.subkey('search')).toEqual(two.subkey('search'));
    expect(one.subkey('search')).not.toEqual(one.subkey('audit'));
    expect(one.subkey('search')).not.toEqual(key);
    // The sealing key is not reachable through subkey(): sealing with any subkey does not open.
    const sealed = one.seal('x', 'a');
    for (const purpose of ['seal', 'search', 'audit', 'key-check']) expect(() => aeadOpen(one.subkey(purpose), sealed, 'a')).toThrow(TamperedCiphertextError);
    expect(() => one.subkey('Bad Purpose')).toThrow();
  });

  it('keeps its own copy of the data key', () => {
    const key = randomBytes(32);
    const c = createCipher(key);
    const sealed = c.seal('x', 'a');
    key.fill(0);
    expect(c.openText(sealed, 'a')).toBe('x');
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => createCipher(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => aeadSeal(randomBytes(31), 'x', 'a')).toThrow(/32 bytes/);
  });
});
