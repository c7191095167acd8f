import type { Command } from 'commander';
import { DEFAULT_BASE_URL } from '../../../common/services/catalog';
import { isOneOf, MODES } from '../../../common/vocabulary';
import { createStationLogger } from '../../core/logger';
import { createCredentialVault, environmentSignIn } from '../../core/progeny/credential-vault';
import { APP_NAME, APP_VERSION } from '../../core/station-core';
import { startStation } from '../start-station';
import { openStationStore, passphraseUnlocker } from '../store-access';
import { startWebStation } from '../web/web-station';
import { checkServerEnvironment, dataDirOf, parsePort, parseServerUrl, type CliContext } from './cli-io';
import { policyLine } from '../../core/policy/command-policy';

interface WebOptions {
  port: number;
  data?: string;
  server?: string;
  keyFile?: string;
  trainingServer?: string;
  mode?: string;
}

/** `station web`: the station served to a browser on this machine. */
export function addWebCommand(program: Command, cli: CliContext, rendererDir: () => string): void {
  checkServerEnvironment(program.command('web'))
    .description('serve the station to a browser on this machine (127.0.0.1 only, single-use launch links)')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', parsePort, 0)
    .option('--data <dir>', 'data folder (default: $STATION_DATA_DIR or the per-user folder)')
    .option('--server <url>', `Progeny API base URL for live mode (default: $PROGENY_BASE_URL, else the saved setting, else ${DEFAULT_BASE_URL})`, parseServerUrl)
    .option('--key-file <path>', 'unlock the queue and history with this key file (else $STATION_PASSPHRASE)')
    .option('--mode <mode>', 'start in this mode (training or live) and keep it as the setting')
    .option('--training-server <url>', 'training mode uses this running `station sandbox` (e.g. one shared by a training room) instead of its own')
    .action(async (options: WebOptions) => cli.exit(await runWeb(options, cli, rendererDir())));
}

async function runWeb(options: WebOptions, { io }: CliContext, rendererDir: string): Promise<number> {
  if (options.mode !== undefined && !isOneOf(MODES, options.mode)) {
    io.err(`station web: --mode must be training or live, not "${options.mode}"`);
    return 2;
  }
  const dataDir = dataDirOf(options.data);
  // Redacted lines to <data>/logs/station.log and to the terminal that started the station.
  const log = createStationLogger({ scope: 'web', dataDir, console: true });
  const keyGiven = !!options.keyFile || !!process.env.STATION_PASSPHRASE;
  // Without a key the page asks for the passphrase (or, the first time, for a new one).
  const store = keyGiven ? await openStationStore(dataDir, { ...(options.keyFile ? { keyFile: options.keyFile } : {}), prompt: false }) : undefined;
  const signIn = environmentSignIn();
  const serverOverride = options.server ?? (process.env.PROGENY_BASE_URL || undefined);
  const core = startStation({
    dataDir,
    log,
    key: store ? { store } : { unlock: passphraseUnlocker(dataDir) },
    vault: createCredentialVault({ initial: signIn }),
    ...(serverOverride ? { serverOverride } : {}),
    ...(options.trainingServer ? { trainingServer: options.trainingServer } : {}),
    probe: true,
  });
  // Each launch link opens one page: once it is used, the operator needs the next one for another tab.
  const announceNextLink = (url: string) => {
    io.out('That launch link has been used; for another page:');
    io.out(`Open: ${url}`);
  };
  const station = await startWebStation({ core, rendererDir, port: options.port, log, onLaunchUrl: announceNextLink });
  io.out(`${APP_NAME} ${APP_VERSION}: web station`);
  io.out(`Data folder: ${dataDir}`);
  // The host's own call: a station with a PIN starts locked, and --mode must still apply.
  if (options.mode) {
    const moded = await core.dispatchAsHost('settings:update', { mode: options.mode });
    if (!moded.ok) io.err(`station web: --mode ${options.mode} refused: ${moded.error.message}`);
  }
  // The organisation's policy, or why it cannot be used: said at every start (main/core/policy/).
  const policy = policyLine(core.status.get().policy);
  if (policy) (core.status.get().policy?.state === 'invalid' ? io.err : io.out)(policy);
  const { mode, serverUrl } = core.settings.get();
  io.out(mode === 'live' ? `Mode: LIVE, ${serverOverride ?? serverUrl}${signIn ? '' : ' (sign in from Settings)'}` : 'Mode: TRAINING (built-in sandbox; switch to live mode in Settings)');
  if (!store) io.out('Queue and history: locked until the passphrase is entered in the page (or start with STATION_PASSPHRASE / --key-file)');
  io.out(`Open: ${station.url}`);
  io.out('Press Ctrl+C to stop.');
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void station
        .close()
        .then(() => core.close())
        .then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
