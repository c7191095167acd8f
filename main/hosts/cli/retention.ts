/** `station purge` (the retention policy saved in Settings) and `station forget` (one customer). */
import type { Command } from 'commander';
import { commandSettings, retentionRefusal } from '../../core/policy/command-policy';
import { operatorName } from '../operator';
import { parsePositive, type CliContext, type CliIo } from './cli-io';
import { commandLog, storeOptions, withDataDir, withStore, type StoreCommandOptions } from './store-command';

export function addRetentionCommands(program: Command, { io, exit }: CliContext): void {
  storeOptions(program.command('purge').description('apply retention: delete old images and records (never unsent work), by the periods saved in Settings'))
    .option('--images-after <days>', 'this once, delete images of verifications finished this many days ago (default: the Settings value)', parsePositive)
    .option('--records-after <days>', 'this once, delete whole records finished this many days ago (default: the Settings value)', parsePositive)
    .option('--json', 'print the report as indented JSON')
    .action(async (options: { data?: string; keyFile?: string; imagesAfter?: number; recordsAfter?: number; json?: boolean }) => exit(await runPurge(withDataDir(options), io)));
  storeOptions(program.command('forget').description('erase every record and image of one customer'))
    .option('--name <full name>', "the customer's name")
    .option('--document <number>', 'a document number')
    .option('--birth-date <yyyy-mm-dd>', 'to tell namesakes apart')
    .option('--json', 'print the report as indented JSON')
    .action(async (options: { data?: string; keyFile?: string; name?: string; document?: string; birthDate?: string; json?: boolean }) => exit(await runForget(withDataDir(options), io)));
}

/** `station purge [--images-after D] [--records-after D]`: the operator's retention periods unless told otherwise for this run. */
export async function runPurge(options: StoreCommandOptions & { imagesAfter?: number; recordsAfter?: number }, io: CliIo): Promise<number> {
  const { purge } = await import('../../core/history/retention');
  const {
    settings: { retention },
    policy,
  } = commandSettings(options.data, commandLog('purge', io));
  const days = { imagesAfterDays: options.imagesAfter ?? retention.imagesDays, recordsAfterDays: options.recordsAfter ?? retention.recordsDays };
  const refusal = retentionRefusal(policy, days);
  if (refusal) {
    io.err(`station purge: refused: ${refusal}`);
    return 2;
  }
  return withStore(options, io, (store) => {
    const report = purge(store, { ...days, actor: operatorName() });
    io.out(JSON.stringify(report, null, options.json ? 2 : 0));
    return Promise.resolve(0);
  });
}

/** `station forget --name … | --document … [--birth-date …]`. */
export async function runForget(options: StoreCommandOptions & { name?: string; document?: string; birthDate?: string }, io: CliIo): Promise<number> {
  if (!options.name && !options.document) {
    io.err('station forget: say who: --name "<full name>" and/or --document <number>');
    return 2;
  }
  const { forgetCustomer } = await import('../../core/history/retention');
  return withStore(options, io, (store) => {
    const report = forgetCustomer(
      store,
      { ...(options.name ? { name: options.name } : {}), ...(options.document ? { documentNumber: options.document } : {}), ...(options.birthDate ? { dateOfBirth: options.birthDate } : {}) },
      operatorName(),
    );
    io.out(JSON.stringify(report, null, options.json ? 2 : 0));
    return Promise.resolve(0);
  });
}
