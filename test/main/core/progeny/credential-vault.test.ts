import { describe, expect, it } from 'vitest';
import { CredentialStorageError, createCredentialVault, environmentSignIn } from '../../../../main/core/progeny/credential-vault';

describe('credential vault', () => {
  it('keeps a session sign-in in memory and refuses to remember without an encrypted store', async () => {
    const vault = createCredentialVault();
    expect(vault.canRemember).toBe(false);
    expect(() => vault.save({ username: 'u', password: 'p' }, true)).toThrow(CredentialStorageError);
    expect(await vault.has()).toBe(false);
    vault.save({ username: 'u', password: 'p' }, false);
    expect(await vault.get()).toEqual({ username: 'u', password: 'p' });
    vault.clear();
    expect(await vault.has()).toBe(false);
  });

  it('remembers through the encrypted store when asked, and forgets everywhere on sign-out', async () => {
    let kept: { username: string; password: string } | null = null;
    const vault = createCredentialVault({ persistent: { get: () => Promise.resolve(kept), save: (c) => (kept = c), clear: () => (kept = null) } });
    expect(vault.canRemember).toBe(true);
    vault.save({ username: 'branch', password: 'pw' }, true);
    expect(kept).toEqual({ username: 'branch', password: 'pw' });
    expect(await createCredentialVault({ persistent: { get: () => Promise.resolve(kept), save: () => undefined, clear: () => undefined } }).get()).toEqual({ username: 'branch', password: 'pw' });
    vault.clear();
    expect(kept).toBeNull();
    expect(await vault.get()).toBeNull();
  });

  it('takes PROGENY_USERNAME and PROGENY_PASSWORD only as a pair', () => {
    expect(environmentSignIn({ PROGENY_USERNAME: 'u', PROGENY_PASSWORD: 'p' })).toEqual({ username: 'u', password: 'p' });
    expect(environmentSignIn({ PROGENY_USERNAME: 'u' })).toBeNull();
  });
});
