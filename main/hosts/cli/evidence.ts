/**
 * `station evidence export <id>` writes one verification's evidence PDF (the one the screens export);
 * `station evidence verify <pdf>` says whether a filed copy is byte for byte a PDF this station
 * exported: its SHA-256 must be in the audit log (exit 0), else it is not (exit 1; 2 = cannot tell).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { operatorName } from '../operator';
import type { CliContext, CliIo } from './cli-io';
import { storeOptions, withDataDir, withStore, type StoreCommandOptions } from './store-command';

export function addEvidenceCommands(program: Command, { io, exit }: CliContext): void {
  const evidence = program.command('evidence').description('evidence reports (PDF) and checking a filed copy');
  storeOptions(evidence.command('export').description("write one verification's evidence report as a PDF").argument('<id>'))
    .requiredOption('--out <file>', 'where to write the PDF')
    .option('--appendix', 'add the raw responses as an appendix (for support)')
    .action(async (id: string, options: { data?: string; keyFile?: string; out: string; appendix?: boolean }) => exit(await runEvidenceExport(id, withDataDir(options), io)));
  storeOptions(evidence.command('verify').description('check that a filed evidence PDF matches one this station exported (exit 0) or not (exit 1)').argument('<pdf>'))
    .option('--json', 'print JSON')
    .action(async (file: string, options: { data?: string; keyFile?: string; json?: boolean }) => exit(await runEvidenceVerify(file, withDataDir(options), io)));
}

export async function runEvidenceExport(id: string, options: StoreCommandOptions & { out: string; appendix?: boolean }, io: CliIo): Promise<number> {
  const { openHistory } = await import('../../core/history/history');
  const { exportEvidencePdf } = await import('../../core/history/evidence-pdf');
  return withStore(options, io, async (store) => {
    const exported = await exportEvidencePdf(openHistory(store), store.audit, id, operatorName(), { appendix: options.appendix === true });
    if (!exported) {
      io.err(`station evidence export: no verification ${id}`);
      return 1;
    }
    writeFileSync(options.out, exported.bytes, { mode: 0o600 });
    io.out(`Evidence report written to ${options.out}`);
    io.out(`SHA-256 ${exported.sha256} (recorded in the audit log)`);
    return 0;
  });
}

export async function runEvidenceVerify(file: string, options: StoreCommandOptions, io: CliIo): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    io.err(`station evidence verify: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  const { verifyEvidencePdf } = await import('../../core/history/evidence-pdf');
  return withStore(options, io, (store) => {
    const check = verifyEvidencePdf(store.audit, bytes);
    if (options.json) io.out(JSON.stringify(check));
    else if (check.matches)
      io.out(`MATCHES: this is the evidence report of verification ${check.verification}, exported by ${check.exportedBy} on ${new Date(check.exportedAt).toISOString()} (SHA-256 ${check.sha256}).`);
    else io.out(`DOES NOT MATCH: no evidence report with SHA-256 ${check.sha256} was exported by this station. The file was changed, or it comes from elsewhere.`);
    return Promise.resolve(check.matches ? 0 : 1);
  });
}
