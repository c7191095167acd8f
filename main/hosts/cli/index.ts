/**
 * The `station` command line (bin/station.mjs, built to out/main/cli.js). One file per command or
 * group; every command on the data folder goes through the core (start-station.ts, the intake, the
 * queue service, the settings), so the CLI behaves as the screens do.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { APP_NAME, APP_VERSION } from '../../core/station-core';
import { defaultIo, type CliContext, type CliIo } from './cli-io';
import { addDataFolderCommands } from './data-folder';
import { addEvidenceCommands } from './evidence';
import { addHistoryCommand } from './history';
import { addQueueCommands } from './queue';
import { addRetentionCommands } from './retention';
import { addStatusCommand } from './status';
import { addToolCommands } from './tools';
import { addWebCommand } from './web';

export type { CliIo } from './cli-io';

/** The built renderer sits beside the built main output (out/main → out/renderer). */
export const builtRendererDir = (): string => resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');

/** Resolves when the command has finished; long-running commands resolve on shutdown. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const program = new Command()
    .name('station')
    .description(`${APP_NAME}: identity verification with the Progeny API v3`)
    .version(APP_VERSION, '-v, --version', 'print the station version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  let exitCode = 0;
  const cli: CliContext = { io, exit: (code) => (exitCode = code) };
  addWebCommand(program, cli, builtRendererDir);
  addQueueCommands(program, cli);
  addHistoryCommand(program, cli);
  addEvidenceCommands(program, cli);
  addRetentionCommands(program, cli);
  addDataFolderCommands(program, cli);
  addToolCommands(program, cli);
  addStatusCommand(program, cli);

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
