import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Argument, Command, InvalidArgumentError } from 'commander';
import { IMAGE_ROLES, type ImageRole } from '../../common/analysis/check';
import { serverAddressProblem } from '../../common/server-address';
import { DEFAULT_BASE_URL } from '../../common/services/catalog';
import { isOneOf, MODES } from '../../common/vocabulary';
import { createStationLogger } from '../core/logger';
import { createCredentialVault, environmentSignIn } from '../core/progeny/credential-vault';
import { operatorName } from './operator';
import { defaultDataDir } from '../core/paths';
import { APP_NAME, APP_VERSION, createStationCore } from '../core/station-core';
import { quirksHelp } from '../sandbox/sandbox-quirks';
import { sharedTrainingServer, startTrainingSandbox } from './training-sandbox';
import { startWebStation } from './web/web-station';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** The built renderer sits beside the built main output (out/main → out/renderer). */
export const builtRendererDir = (): string => resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');

const parsePort = (value: string): number => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 picks a free one)');
  return port;
};

const parseNonNegative = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of 0 or more');
  return n;
};
const parsePositive = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
};
/** --server: the same rule as the Settings screen (common/server-address.ts). */
const parseServerUrl = (value: string): string => {
  const problem = serverAddressProblem(value);
  if (problem) throw new InvalidArgumentError(`The Progeny server address ${problem}.`);
  return value;
};

/**
 * PROGENY_BASE_URL, for the commands that talk to Progeny: checked by the same rule as --server,
 * before anything starts, so a bad one stops the command instead of receiving credentials.
 */
const checkServerEnvironment = (command: Command): Command =>
  command.hook('preAction', (_hooked, action) => {
    const value = process.env.PROGENY_BASE_URL;
    if (value === undefined || value === '') return;
    const problem = serverAddressProblem(value);
    if (problem) action.error(`error: the environment variable PROGENY_BASE_URL is not a usable Progeny server address: it ${problem}`, { exitCode: 2, code: 'commander.invalidEnvironment' });
  });

const parseShare = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a share from 0 to 1');
  return n;
};

/** Resolves when the command has finished; long-running commands resolve on shutdown. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const program = new Command()
    .name('station')
    .description(`${APP_NAME}: identity verification with the Progeny API v3`)
    .version(APP_VERSION, '-v, --version', 'print the station version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  let exitCode = 0;
  checkServerEnvironment(program.command('web'))
    .description('serve the station to a browser on this machine (127.0.0.1 only, single-use launch links)')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', parsePort, 0)
    .option('--data <dir>', 'data folder (default: $STATION_DATA_DIR or the per-user folder)')
    .option('--server <url>', `Progeny API base URL for live mode (default: $PROGENY_BASE_URL or ${DEFAULT_BASE_URL})`, parseServerUrl)
    .option('--key-file <path>', 'unlock the queue and history with this key file (else $STATION_PASSPHRASE)')
    .option('--mode <mode>', 'start in this mode (training or live) and keep it as the setting')
    .option('--training-server <url>', 'training mode uses this running `station sandbox` (e.g. one shared by a training room) instead of its own')
    .action(async (options: { port: number; data?: string; server?: string; keyFile?: string; trainingServer?: string; mode?: string }) => {
      if (options.mode !== undefined && !isOneOf(MODES, options.mode)) {
        io.err(`station web: --mode must be training or live, not "${options.mode}"`);
        exitCode = 2;
        return;
      }
      const dataDir = resolve(options.data ?? defaultDataDir());
      // Redacted lines to <data>/logs/station.log and to the terminal that started the station.
      const log = createStationLogger({ scope: 'web', dataDir, console: true });
      const { openStationStore, passphraseUnlocker } = await import('./store-access');
      const keyGiven = !!options.keyFile || !!process.env.STATION_PASSPHRASE;
      // Without a key the page asks for the passphrase (or, the first time, for a new one).
      const store = keyGiven ? await openStationStore(dataDir, { ...(options.keyFile ? { keyFile: options.keyFile } : {}), prompt: false }) : undefined;
      const signIn = environmentSignIn();
      const serverOverride = options.server ?? process.env.PROGENY_BASE_URL;
      const core = createStationCore({
        dataDir,
        log,
        operator: operatorName(),
        progeny: { startTraining: () => (options.trainingServer ? sharedTrainingServer(options.trainingServer) : startTrainingSandbox(dataDir, log)), vault: createCredentialVault({ initial: signIn }), ...(serverOverride ? { serverOverride } : {}) },
        ...(store ? { store } : { unlock: passphraseUnlocker(dataDir) }),
      });
      // Each launch link opens one page: once it is used, the operator needs the next one for another tab.
      const announceNextLink = (url: string) => {
        io.out('That launch link has been used; for another page:');
        io.out(`Open: ${url}`);
      };
      const station = await startWebStation({ core, rendererDir: builtRendererDir(), port: options.port, log, onLaunchUrl: announceNextLink });
      io.out(`${APP_NAME} ${APP_VERSION}: web station`);
      io.out(`Data folder: ${dataDir}`);
      // The host's own call: a station with a PIN starts locked, and --mode must still apply.
      if (options.mode) await core.dispatchAsHost('settings:update', { mode: options.mode });
      const { mode, serverUrl } = core.settings.get();
      io.out(mode === 'live' ? `Mode: LIVE, ${serverOverride ?? serverUrl}${signIn ? '' : ' (sign in from Settings)'}` : 'Mode: TRAINING (built-in sandbox; switch to live mode in Settings)');
      if (!store) io.out('Queue and history: locked until the passphrase is entered in the page (or start with STATION_PASSPHRASE / --key-file)');
      io.out(`Open: ${station.url}`);
      io.out('Press Ctrl+C to stop.');
      // Reach the server in the background so the status bar shows real connectivity.
      void core.progeny?.probe();
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void station.close().then(() => core.close()).then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });

  // Commands on the station's encrypted data folder (queue, history, audit).
  const storeOptions = (command: Command) =>
    command
      .option('--data <dir>', 'data folder (default: $STATION_DATA_DIR or the per-user folder)')
      .option('--key-file <path>', 'unlock the data with this key file (else $STATION_PASSPHRASE, else a prompt)')
      .option('--server <url>', 'Progeny API base URL for live mode', parseServerUrl);
  const withDefaults = <T extends { data?: string }>(options: T) => ({ ...options, data: resolve(options.data ?? defaultDataDir()) });
  const queueCommands = () => import('./cli-queue');

  storeOptions(checkServerEnvironment(program.command('submit')).description('queue a verification; prints its id').argument('<service>', 'a Progeny service, e.g. kyc_passport'))
    .option('--file <field=path...>', 'an image for one of the service\'s file fields')
    .option('--field <name=value...>', 'a text field, e.g. fullname=…')
    .option('--json', 'print JSON')
    .action(async (service: string, options: { data?: string; keyFile?: string; server?: string; file?: string[]; field?: string[]; json?: boolean }) => {
      exitCode = await (await queueCommands()).runSubmit(service, withDefaults(options), io);
    });
  storeOptions(checkServerEnvironment(program.command('run')).description('send queued verifications and collect their results (headless)'))
    .option('--until-empty', 'stop once nothing is left to send or collect')
    .option('--concurrency <n>', 'verifications in flight at once (default 2)', parsePositive)
    .action(async (options: { data?: string; keyFile?: string; server?: string; untilEmpty?: boolean; concurrency?: number }) => {
      exitCode = await (await queueCommands()).runDrain(withDefaults(options), io);
    });
  const queueCommand = storeOptions(program.command('queue').description('list what is waiting, retrying or needs a person'))
    .option('--json', 'print JSON')
    .action(async (options: { data?: string; keyFile?: string; json?: boolean }) => {
      exitCode = await (await queueCommands()).runQueueList(withDefaults(options), io);
    });
  storeOptions(queueCommand.command('resolve').description('settle a verification that needs attention').argument('<id>'))
    .option('--resend', 'Progeny has no task for it: send it again')
    .option('--task <taskId>', 'Progeny has its task: collect that result')
    .action(async (id: string, options: { data?: string; keyFile?: string; resend?: boolean; task?: string }) => {
      exitCode = await (await queueCommands()).runResolve(id, withDefaults(options), io);
    });
  storeOptions(program.command('history').description('search verifications (names and document numbers are found through an encrypted index)'))
    .option('--search <text>', 'name, document number… (words are ANDed; 3 letters find a prefix)')
    .option('--limit <n>', 'how many (default 50)', parsePositive)
    .option('--evidence <id>', 'print the printable evidence report (HTML) of one verification')
    .option('--json', 'print JSON')
    .action(async (options: { data?: string; keyFile?: string; search?: string; limit?: number; evidence?: string; json?: boolean }) => {
      exitCode = await (await queueCommands()).runHistory(withDefaults(options), io);
    });
  storeOptions(program.command('purge').description('apply retention: delete old images and records (never unsent work)'))
    .option('--images-after <days>', 'delete images of verifications finished this many days ago (default 30)', parsePositive)
    .option('--records-after <days>', 'delete whole records finished this many days ago (default 365)', parsePositive)
    .option('--json', 'print the report as indented JSON')
    .action(async (options: { data?: string; keyFile?: string; imagesAfter?: number; recordsAfter?: number; json?: boolean }) => {
      exitCode = await (await queueCommands()).runRetention('purge', withDefaults(options), io);
    });
  storeOptions(program.command('forget').description('erase every record and image of one customer'))
    .option('--name <full name>', 'the customer\'s name')
    .option('--document <number>', 'a document number')
    .option('--birth-date <yyyy-mm-dd>', 'to tell namesakes apart')
    .option('--json', 'print the report as indented JSON')
    .action(async (options: { data?: string; keyFile?: string; name?: string; document?: string; birthDate?: string; json?: boolean }) => {
      exitCode = await (await queueCommands()).runRetention('forget', withDefaults(options), io);
    });
  storeOptions(program.command('audit').description('the audit log').command('verify').description('check the audit log\'s hash chain'))
    .option('--json', 'print JSON')
    .action(async (options: { data?: string; keyFile?: string; json?: boolean }) => {
      exitCode = await (await queueCommands()).runAuditVerify(withDefaults(options), io);
    });
  program
    .command('key')
    .description('data-folder keys')
    .command('create')
    .description('write a new key file for --key-file')
    .argument('<path>')
    .action(async (path: string) => {
      exitCode = (await queueCommands()).runKeyCreate(path, io);
    });

  program
    .command('sandbox')
    .description('run the Progeny-compatible training server on 127.0.0.1 (real image analysis, no account needed)')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', parsePort, 0)
    .option('--data <dir>', 'folder for registered faces, portraits and the watchlist, unencrypted (default: <data folder>-sandbox)')
    .option('--user <name:password>', 'credentials the sandbox accepts (default: printed at start)')
    .option('--access-ttl <seconds>', 'access token lifetime (Progeny: 300)', parsePositive)
    .option('--latency <ms>', 'how long each task runs before its result is ready', parseNonNegative)
    .option('--fail-rate <p>', 'share of requests answered 503 with Retry-After (0–1)', parseShare)
    .option('--quirks [names]', 'serve the documented alternatives instead of the docs\' primary reading: all of them, or a comma-separated list (see Quirks below)')
    .addHelpText('after', `\n${quirksHelp()}`)
    .action(async (options: { port: number; data?: string; user?: string; accessTtl?: number; latency?: number; failRate?: number; quirks?: string | true }) => {
      const { runSandboxCommand } = await import('./cli-sandbox');
      exitCode = await runSandboxCommand({ ...options, data: options.data ?? join(defaultDataDir(), 'training') }, io);
    });

  checkServerEnvironment(program.command('doctor'))
    .description('check the connection to Progeny step by step: DNS, TLS, clock, sign-in, session renewal, task results and a free probe of every service (exit 0: all passed; 1: something failed)')
    .option('--server <url>', `Progeny API base URL (default: $PROGENY_BASE_URL, else the saved setting, else ${DEFAULT_BASE_URL})`, parseServerUrl)
    .option('--data <dir>', 'data folder: its saved server address and remembered service paths (default: $STATION_DATA_DIR or the per-user folder)')
    .option('--json', 'print the report as JSON')
    .action(async (options: { server?: string; data?: string; json?: boolean }) => {
      const { runDoctorCommand } = await import('./cli-doctor');
      exitCode = await runDoctorCommand({ ...options, data: resolve(options.data ?? defaultDataDir()) }, io);
    });

  program
    .command('precheck')
    .description('check images against Progeny\'s requirements on this computer, loading the models once for all of them (exit 0: no failure; 1: a check failed in some file; 2: usage error, or some file cannot be read as an image — 2 wins over 1)')
    .addArgument(new Argument('<role>', 'what the images show').choices(IMAGE_ROLES))
    .argument('<image...>', 'paths of JPEG or PNG files')
    .option('--json', 'print one JSON report per line (JSON lines), each with its "path"')
    .option('--fix <out>', 'write an auto-fixed JPEG to this path when the image can be repaired (a single image only)')
    .action(async (role: ImageRole, images: string[], options: { json?: boolean; fix?: string }) => {
      const { runPrecheck } = await import('./cli-precheck');
      exitCode = await runPrecheck(role, images, options, io);
    });

  program
    .command('requirements')
    .description('print every threshold the pre-check judges by, with the source of each number')
    .option('--json', 'print them as JSON')
    .action(async (options: { json?: boolean }) => {
      const { REQUIREMENTS } = await import('../../common/analysis/requirements');
      if (options.json) return io.out(JSON.stringify(REQUIREMENTS, null, 2));
      for (const [group, limits] of Object.entries(REQUIREMENTS)) {
        io.out(`${group}:`);
        for (const [name, limit] of Object.entries(limits as Record<string, unknown>)) {
          if (limit && typeof limit === 'object' && 'value' in limit) {
            const { value, unit, source } = limit as { value: number; unit: string; source: string };
            io.out(`  ${name.padEnd(18)} ${String(value).padStart(10)} ${unit.padEnd(26)} ${source}`);
          } else io.out(`  ${name.padEnd(18)} ${JSON.stringify(limit)}`);
        }
      }
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.version' || code === 'commander.helpDisplayed' || code === 'commander.help') return 0;
    if (typeof code === 'string' && code.startsWith('commander.')) return 2;
    io.err(`station: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  }
  return exitCode;
}
