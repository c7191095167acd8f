import type { Logger } from '../core/logger';
import { createCredentialVault, type CredentialVault } from '../core/progeny/credential-vault';
import { createStationCore, type StationCore, type StationCoreOptions, type StoreUnlocker } from '../core/station-core';
import type { Store } from '../core/store/open-store';
import { operatorName } from './operator';
import { sharedTrainingServer, startTrainingSandbox } from './training-sandbox';

/**
 * Where the host found the data key: a store it could open (key file, STATION_PASSPHRASE, the OS
 * keychain), or nothing yet, so the operator types the passphrase in the page.
 */
export type KeySource = { store: Store } | { unlock: StoreUnlocker };

export interface StartStationOptions {
  dataDir: string;
  log: Logger;
  key: KeySource;
  /** Where live credentials live (the OS keychain in Electron; the launch's PROGENY_USERNAME / PROGENY_PASSWORD elsewhere). */
  vault?: CredentialVault;
  /** --server / PROGENY_BASE_URL: replaces the settings' server URL for this launch. */
  serverOverride?: string;
  /** --training-server: a `station sandbox` already running (a training room's) instead of one in this process. */
  trainingServer?: string;
  queue?: StationCoreOptions['queue'];
  /** What this host can do for the page (`app:info`). */
  capabilities?: StationCoreOptions['capabilities'];
  /** Reach the server at once, so a status bar shows real connectivity (hosts with a UI). */
  probe?: boolean;
}

/**
 * The one start-up of every host (the Electron app, `station web`, `station run`): the core with
 * its Progeny side, training sandbox and queue. Hosts add only their transport and their key source.
 */
export function startStation({ dataDir, log, key, vault, serverOverride, trainingServer, queue, capabilities, probe = false }: StartStationOptions): StationCore {
  const core = createStationCore({
    dataDir,
    log,
    operator: operatorName(),
    progeny: {
      vault: vault ?? createCredentialVault(),
      startTraining: () => (trainingServer ? sharedTrainingServer(trainingServer) : startTrainingSandbox(dataDir, log)),
      ...(serverOverride ? { serverOverride } : {}),
    },
    ...('store' in key ? { store: key.store } : { unlock: key.unlock }),
    ...(queue ? { queue } : {}),
    ...(capabilities ? { capabilities } : {}),
  });
  if (probe) void core.progeny?.probe();
  return core;
}
