/**
 * `station sandbox`, `station doctor`, `station precheck` and `station requirements`: the tools
 * beside the station. Their modules load the analysis engine or the sandbox, so each is imported
 * only when its command runs.
 */
import { Argument, type Command } from 'commander';
import { IMAGE_ROLES, type ImageRole } from '../../../common/analysis/check';
import { DEFAULT_BASE_URL } from '../../../common/services/catalog';
import { quirksHelp } from '../../sandbox/sandbox-quirks';
import { checkServerEnvironment, dataDirOf, parseNonNegative, parsePort, parsePositive, parseServerUrl, parseShare, type CliContext } from './cli-io';

export function addToolCommands(program: Command, { io, exit }: CliContext): void {
  program
    .command('sandbox')
    .description('run the Progeny-compatible training server on 127.0.0.1 (real image analysis, no account needed)')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', parsePort, 0)
    .option('--data <dir>', 'folder for registered faces, portraits and the watchlist, unencrypted (default: <data folder>-sandbox)')
    .option('--user <name:password>', 'credentials the sandbox accepts (default: printed at start)')
    .option('--access-ttl <seconds>', 'access token lifetime (Progeny: 300)', parsePositive)
    .option('--latency <ms>', 'how long each task runs before its result is ready', parseNonNegative)
    .option('--fail-rate <p>', 'share of requests answered 503 with Retry-After (0–1)', parseShare)
    .option('--quirks [names]', "serve the documented alternatives instead of the docs' primary reading: all of them, or a comma-separated list (see Quirks below)")
    .addHelpText('after', `\n${quirksHelp()}`)
    .action(async (options: { port: number; data?: string; user?: string; accessTtl?: number; latency?: number; failRate?: number; quirks?: string | true }) => {
      const { runSandboxCommand } = await import('./sandbox');
      // Its own folder beside the data folder by default (defaultSandboxDir): never the station's <data>/training.
      exit(await runSandboxCommand(options, io));
    });

  checkServerEnvironment(program.command('doctor'))
    .description('check the connection to Progeny step by step: DNS, TLS, clock, sign-in, session renewal, task results and a free probe of every service (exit 0: all passed; 1: something failed)')
    .option('--server <url>', `Progeny API base URL (default: $PROGENY_BASE_URL, else the saved setting, else ${DEFAULT_BASE_URL})`, parseServerUrl)
    .option('--data <dir>', 'data folder: its saved server address and remembered service paths (default: $STATION_DATA_DIR or the per-user folder)')
    .option('--json', 'print the report as JSON')
    .action(async (options: { server?: string; data?: string; json?: boolean }) => {
      const { runDoctorCommand } = await import('./doctor');
      exit(await runDoctorCommand({ ...options, data: dataDirOf(options.data) }, io));
    });

  program
    .command('precheck')
    .description(
      "check images against Progeny's requirements on this computer, loading the models once for all of them (exit 0: no failure; 1: a check failed in some file; 2: usage error, or some file cannot be read as an image — 2 wins over 1)",
    )
    .addArgument(new Argument('<role>', 'what the images show').choices(IMAGE_ROLES))
    .argument('<image...>', 'paths of JPEG or PNG files')
    .option('--json', 'print one JSON report per line (JSON lines), each with its "path"')
    .option('--fix <out>', 'write an auto-fixed JPEG to this path when the image can be repaired (a single image only)')
    .action(async (role: ImageRole, images: string[], options: { json?: boolean; fix?: string }) => {
      const { runPrecheck } = await import('./precheck');
      exit(await runPrecheck(role, images, options, io));
    });

  program
    .command('requirements')
    .description('print every threshold the pre-check judges by, with the source of each number')
    .option('--json', 'print them as JSON')
    .action(async (options: { json?: boolean }) => {
      const { REQUIREMENTS } = await import('../../../common/analysis/requirements');
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
}
