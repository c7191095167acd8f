import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIALS_FILE, safeCredentialStore } from '../../../../main/hosts/electron/safe-credentials';
import { resetElectronMock, safeStorage } from '../../../mocks/electron';

let dir: string;
beforeEach(() => {
  resetElectronMock();
  dir = mkdtempSync(join(tmpdir(), 'station-creds-'));
});

describe('safe credential store (Electron)', () => {
  it('stores credentials only encrypted and reads them back', async () => {
    const store = safeCredentialStore(dir);
    store.save({ username: 'branch-042', password: 'S3cret-Marker-Pw' });
    const onDisk = readFileSync(join(dir, CREDENTIALS_FILE)).toString();
    expect(onDisk).not.toContain('S3cret-Marker-Pw');
    expect(onDisk).not.toContain('branch-042');
    expect(await store.get()).toEqual({ username: 'branch-042', password: 'S3cret-Marker-Pw' });
    store.clear();
    expect(await store.get()).toBeNull();
  });

  it('keeps the server the credentials were entered for, and reads older files as bound to none', async () => {
    const store = safeCredentialStore(dir);
    store.save({ username: 'branch-042', password: 'pw', origin: 'https://be.progeny.tech' });
    expect(await store.get()).toEqual({ username: 'branch-042', password: 'pw', origin: 'https://be.progeny.tech' });
    store.save({ username: 'branch-042', password: 'pw' });
    expect(await store.get()).toEqual({ username: 'branch-042', password: 'pw' });
  });

  it('refuses to remember credentials where the OS offers no real encryption', () => {
    safeStorage.backend = 'basic_text';
    const original = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'linux' });
    try {
      expect(() => safeCredentialStore(dir).save({ username: 'u', password: 'p' })).toThrow(/no real encryption/);
    } finally {
      Object.defineProperty(process, 'platform', original);
    }
    safeStorage.available = false;
    expect(() => safeCredentialStore(dir).save({ username: 'u', password: 'p' })).toThrow(/no real encryption/);
  });

  it('remembers them on basic_text only when the administrator opted in', async () => {
    safeStorage.backend = 'basic_text';
    const original = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'linux' });
    try {
      const store = safeCredentialStore(dir, { allowBasicText: true });
      store.save({ username: 'kiosk', password: 'Opted-In-Pw' });
      expect(readFileSync(join(dir, CREDENTIALS_FILE)).toString()).not.toContain('Opted-In-Pw');
      expect(await store.get()).toEqual({ username: 'kiosk', password: 'Opted-In-Pw' });
      expect(await safeCredentialStore(dir).get()).toBeNull();
    } finally {
      Object.defineProperty(process, 'platform', original);
    }
  });
});
