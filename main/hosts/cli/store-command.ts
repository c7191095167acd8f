import type { Command } from 'commander';
import { createConsoleLogger, warningsOnly, type Logger } from '../../core/logger';
import { createCredentialVault, environmentSignIn } from '../../core/progeny/credential-vault';
import type { StationCore } from '../../core/station-core';
import { StoreOpenError } from '../../core/store/database';
import { KeyringError } from '../../core/store/keyring';
import type { Store } from '../../core/store/open-store';
import { startStation, type StartStationOptions } from '../start-station';
import { openStationStore, type KeyOptions } from '../store-access';
import { dataDirOf, parseServerUrl, type CliIo } from './cli-io';

/** The options every command on the encrypted data folder takes, --data resolved. */
export interface StoreCommandOptions extends KeyOptions {
  data: string;
  server?: string;
  json?: boolean;
}

/** --data, --key-file and --server, for the commands on the station's encrypted data folder. */
export const storeOptions = (command: Command): Command =>
  command
    .option('--data <dir>', 'data folder (default: $STATION_DATA_DIR or the per-user folder)')
    .option('--key-file <path>', 'unlock the data with this key file (else $STATION_PASSPHRASE, else a prompt)')
    .option('--server <url>', 'Progeny API base URL for live mode (default: $PROGENY_BASE_URL, else the saved setting)', parseServerUrl);

export const withDataDir = <T extends { data?: string }>(options: T): T & { data: string } => ({ ...options, data: dataDirOf(options.data) });

/** A command's lines on the terminal: warnings and errors only, never a request log. */
export const commandLog = (scope: string, io: CliIo): Logger => warningsOnly(createConsoleLogger(scope, io.err));

/** Opens the store or explains, in one line, why it cannot be opened (exit 2). */
export async function withStore(options: StoreCommandOptions, io: CliIo, run: (store: Store) => Promise<number>): Promise<number> {
  let store: Store;
  try {
    store = await openStationStore(options.data, options);
  } catch (error) {
    if (error instanceof KeyringError || error instanceof StoreOpenError) {
      io.err(`station: ${error.message}`);
      return 2;
    }
    throw error;
  }
  try {
    return await run(store);
  } finally {
    store.close();
  }
}

/**
 * The whole station on the data folder, as `station web` and the desktop app start it (start-station.ts):
 * mode, server and retention from Settings, the queue service sending. Closed when `run` is done.
 */
export function withStation(options: StoreCommandOptions, io: CliIo, extra: Pick<StartStationOptions, 'queue'>, run: (core: StationCore) => Promise<number>): Promise<number> {
  const serverOverride = options.server ?? (process.env.PROGENY_BASE_URL || undefined);
  return withStore(options, io, async (store) => {
    const core = startStation({
      dataDir: options.data,
      log: commandLog('station', io),
      key: { store },
      vault: createCredentialVault({ initial: environmentSignIn() }),
      ...(serverOverride ? { serverOverride } : {}),
      ...extra,
    });
    try {
      return await run(core);
    } finally {
      // Closes the store too; withStore's own close is then a no-op.
      await core.close();
    }
  });
}
