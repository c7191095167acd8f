/** `station history`: search, list, and one verification's evidence report. */
import type { Command } from 'commander';
import { operatorName } from '../operator';
import { parsePositive, type CliContext, type CliIo } from './cli-io';
import { storeOptions, withDataDir, withStore, type StoreCommandOptions } from './store-command';

export function addHistoryCommand(program: Command, { io, exit }: CliContext): void {
  storeOptions(program.command('history').description('search verifications (names and document numbers are found through an encrypted index)'))
    .option('--search <text>', 'name, document number… (words are ANDed; 3 letters find a prefix)')
    .option('--limit <n>', 'how many (default 50)', parsePositive)
    .option('--evidence <id>', 'print the printable evidence report (HTML) of one verification')
    .option('--json', 'print JSON')
    .action(async (options: { data?: string; keyFile?: string; search?: string; limit?: number; evidence?: string; json?: boolean }) => exit(await runHistory(withDataDir(options), io)));
}

/** `station history [--search Q] [--json]`: finished and pending verifications, newest first. */
export async function runHistory(options: StoreCommandOptions & { search?: string; limit?: number; evidence?: string }, io: CliIo): Promise<number> {
  const { openHistory } = await import('../../core/history/history');
  return withStore(options, io, async (store) => {
    const history = openHistory(store);
    if (options.evidence) {
      const { exportEvidence } = await import('../../core/history/evidence-report');
      const html = exportEvidence(history, store.audit, options.evidence, operatorName());
      if (html === null) {
        io.err(`station history: no verification ${options.evidence}`);
        return 1;
      }
      io.out(html);
      return 0;
    }
    const rows = history.search({ ...(options.search ? { text: options.search } : {}), limit: options.limit ?? 50 });
    if (options.json) io.out(JSON.stringify(rows, null, 2));
    else {
      if (rows.length === 0) io.out(options.search ? 'No verification matches.' : 'No verification yet.');
      for (const r of rows) {
        const who = [r.subject.name, r.subject.documentNumber].filter(Boolean).join(', ') || '-';
        io.out(`${new Date(r.createdAt).toISOString()}  ${r.id}  ${r.mode === 'training' ? 'TRAINING ' : ''}${r.service.padEnd(18)} ${(r.verdict ?? r.state).padEnd(13)} ${who}`);
      }
    }
    return 0;
  });
}
