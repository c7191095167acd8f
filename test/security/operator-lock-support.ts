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
