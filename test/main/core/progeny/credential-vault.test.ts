import { describe, expect, it } from 'vitest';
import { CredentialStorageError, createCredentialVault, environmentSignIn, type BoundCredentials } from '../../../../main/core/progeny/credential-vault';

const HOME = 'https://be.progeny.tech';
const OTHER = 'https://other.example';

describe('credential vault', () => {
  it('keeps a session sign-in in memory and refuses to remember without an encrypted store', async () => {
    const vault = createCredentialVault();
    expect(vault.canRemember).toBe(false);
    expect(() => vault.save({ username: 'u', password: 'p' }, true, HOME)).toThrow(CredentialStorageError);
    expect(await vault.has(HOME)).toBe(false);
    vault.save({ username: 'u', password: 'p' }, false, HOME);
    expect(await vault.forServer(HOME).get()).toEqual({ username: 'u', password: 'p' });
    vault.clear();
    expect(await vault.has(HOME)).toBe(false);
  });

  it('remembers through the encrypted store when asked, and forgets everywhere on sign-out', async () => {
    let kept: BoundCredentials | null = null;
    const vault = createCredentialVault({ persistent: { get: () => Promise.resolve(kept), save: (c) => (kept = c), clear: () => (kept = null) } });
    expect(vault.canRemember).toBe(true);
    vault.save({ username: 'branch', password: 'pw' }, true, HOME);
    expect(kept).toEqual({ username: 'branch', password: 'pw', origin: HOME });
    const afterRestart = createCredentialVault({ persistent: { get: () => Promise.resolve(kept), save: () => undefined, clear: () => undefined } });
    expect(await afterRestart.forServer(HOME).get()).toEqual({ username: 'branch', password: 'pw' });
    vault.clear();
    expect(kept).toBeNull();
    expect(await vault.forServer(HOME).get()).toBeNull();
  });

  it('gives credentials only to the server they were entered for', async () => {
    let kept: BoundCredentials | null = { username: 'branch', password: 'pw', origin: HOME };
    const remembered = createCredentialVault({ persistent: { get: () => Promise.resolve(kept), save: (c) => (kept = c), clear: () => (kept = null) } });
    expect(await remembered.forServer(OTHER).get()).toBeNull();
    expect(await remembered.has(OTHER)).toBe(false);
    expect(await remembered.has(HOME)).toBe(true);
    const session = createCredentialVault();
    session.save({ username: 'u', password: 'p' }, false, HOME);
    expect(await session.forServer(OTHER).get()).toBeNull();
  });

  it('does not use remembered credentials that name no server (written before they were bound)', async () => {
    const legacy = createCredentialVault({ persistent: { get: () => Promise.resolve({ username: 'old', password: 'pw' }), save: () => undefined, clear: () => undefined } });
    expect(await legacy.has(HOME)).toBe(false);
  });

  it('takes a launch sign-in for whichever server the launch uses, until cleared', async () => {
    const vault = createCredentialVault({ initial: { username: 'env', password: 'pw' } });
    expect(await vault.forServer(OTHER).get()).toEqual({ username: 'env', password: 'pw' });
    vault.clear();
    expect(await vault.has(OTHER)).toBe(false);
  });

  it('takes PROGENY_USERNAME and PROGENY_PASSWORD only as a pair', () => {
    expect(environmentSignIn({ PROGENY_USERNAME: 'u', PROGENY_PASSWORD: 'p' })).toEqual({ username: 'u', password: 'p' });
    expect(environmentSignIn({ PROGENY_USERNAME: 'u' })).toBeNull();
  });
});
