import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../main/core/logger';
import { createStationCore, type StationCore, type StoreUnlocker } from '../../main/core/station-core';
import { passphraseWrapper } from '../../main/core/store/keyring';
import { openStore } from '../../main/core/store/open-store';

/** Cheap scrypt for tests: the cost parameter is not what these tests are about. */
const FAST = { N: 2 ** 14, r: 8, p: 1 };
export const PASSPHRASE = 'operator lock attacker test';
export const PIN = '482913';
export const WRONG = '000000';

export const newDataDir = () => mkdtempSync(join(tmpdir(), 'station-lock-attack-'));

/** A station on `dataDir` whose store is open at start (the Electron keychain, or a key given at launch). */
export const stationWithStore = (dataDir: string): StationCore => createStationCore({ dataDir, log: silentLogger, store: openStore(dataDir, passphraseWrapper(PASSPHRASE, FAST)) });

/** A web station started without its key: the page has to ask for the passphrase. */
export const stationWithoutKey = (dataDir: string): StationCore => {
  const unlock: StoreUnlocker = { isNew: () => false, open: (passphrase) => Promise.resolve(openStore(dataDir, passphraseWrapper(passphrase, FAST))) };
  return createStationCore({ dataDir, log: silentLogger, unlock });
};

export const auditActions = (core: StationCore) => core.store!.audit.list();

/** The first administrator's name; PIN (six digits) is their secret. */
export const ADMIN = 'Ana Admin';

/** First start through the bridge, as the page does: the administrator is created and signed in. */
export async function createAdmin(core: StationCore, name = ADMIN, secret = PIN): Promise<void> {
  const created = await core.dispatch('account:create-first', { name, secret });
  if (!created.ok) throw new Error(`no administrator: ${created.error.message}`);
}

/** A station on `dataDir` with its store open and the administrator signed in. */
export async function signedInStation(dataDir: string): Promise<StationCore> {
  const core = stationWithStore(dataDir);
  await createAdmin(core);
  return core;
}
