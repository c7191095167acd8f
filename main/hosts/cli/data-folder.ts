/** `station audit verify` and `station key create`: the data folder's audit log and keys. */
import type { Command } from 'commander';
import { createKeyFile } from '../../core/store/keyring';
import type { CliContext, CliIo } from './cli-io';
import { storeOptions, withDataDir, withStore, type StoreCommandOptions } from './store-command';

export function addDataFolderCommands(program: Command, { io, exit }: CliContext): void {
  storeOptions(program.command('audit').description('the audit log').command('verify').description("check the audit log's hash chain"))
    .option('--json', 'print JSON')
    .action(async (options: { data?: string; keyFile?: string; json?: boolean }) => exit(await runAuditVerify(withDataDir(options), io)));
  program
    .command('key')
    .description('data-folder keys')
    .command('create')
    .description('write a new key file for --key-file')
    .argument('<path>')
    .action((path: string) => exit(runKeyCreate(path, io)));
}

/** `station audit verify`: checks the audit log's keyed hash chain. */
export function runAuditVerify(options: StoreCommandOptions, io: CliIo): Promise<number> {
  return withStore(options, io, (store) => {
    const verdict = store.audit.verify();
    io.out(options.json ? JSON.stringify(verdict) : verdict.ok ? `Audit log intact: ${verdict.entries} entries.` : `AUDIT LOG TAMPERED at entry ${verdict.firstBadSeq}: ${verdict.reason}`);
    return Promise.resolve(verdict.ok ? 0 : 1);
  });
}

/** `station key create <path>`: a new 32-byte key file for --key-file (never overwrites). */
export function runKeyCreate(path: string, io: CliIo): number {
  try {
    createKeyFile(path);
  } catch (error) {
    io.err(`station key create: ${(error as Error).message}`);
    return 1;
  }
  io.out(`Key file written to ${path} (mode 0600). Keep a copy somewhere safe: without it the station data cannot be read.`);
  return 0;
}
