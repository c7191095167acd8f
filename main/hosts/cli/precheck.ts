import { writeFile } from 'node:fs/promises';
import type { Check } from '../../../common/analysis/check';
import { precheck, type PrecheckResult } from '../../../common/analysis/precheck';
import { autofix } from '../../analysis/autofix';
import { createNodeAnalysis } from '../../analysis/node-analysis';
import { InputFileError, readImageFile } from '../../analysis/node-image';
import type { CliIo } from './cli-io';

export interface PrecheckOptions {
  json?: boolean;
  fix?: string;
}

const MARK: Record<Check['verdict'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

function printReport(io: CliIo, result: PrecheckResult): void {
  io.out(`${result.role}: ${MARK[result.verdict]}${result.blocked ? ' (cannot be sent)' : ''} in ${result.elapsedMs} ms`);
  for (const c of result.checks) {
    const value = c.value === null ? '-' : String(c.value).replace(/\n/g, ' / ');
    io.out(`  ${MARK[c.verdict]}  ${c.id.padEnd(20)} ${value.padEnd(14)} (${c.threshold})  ${c.message}`);
    if (c.guidance) io.out(`        → ${c.guidance}${c.fixable ? ' [auto-fix]' : ''}`);
  }
  if (result.mrz?.fields) {
    const f = result.mrz.fields;
    io.out(`  MRZ: ${f.lastName ?? '?'}, ${f.firstName ?? '?'} · ${f.documentNumber ?? '?'} · ${f.nationality ?? '?'} · born ${f.birthDate ?? '?'} · ${f.sex ?? '?'} · expires ${f.expiryDate ?? '?'}`);
  }
}

/** An image whose file checks failed hard could not be read as an image at all. */
const unreadable = (result: PrecheckResult) => result.checks.some((c) => c.id.startsWith('file.') && c.verdict === 'fail' && c.hard);

/** The report as JSON without the face descriptors (they identify a person and mean nothing to a reader). */
const publicReport = (result: PrecheckResult) => {
  const { faces, ...rest } = result;
  return { ...rest, faces: faces.map(({ embedding: _embedding, ...face }) => face) };
};

/**
 * `station precheck <role> <image…>`: every file in one process, the models loaded once. Exit 0
 * when nothing fails, 1 when a check fails in any file, 2 on usage errors or when any file cannot
 * be read as an image; 2 wins over 1. With --json, one JSON object per line, its "path" naming the file (its "file" is the header, as in the single-file report).
 */
export async function runPrecheck(role: PrecheckResult['role'], files: string[], options: PrecheckOptions, io: CliIo): Promise<number> {
  if (options.fix && files.length !== 1) {
    io.err(`station precheck: --fix writes one repaired image, so it takes a single file (${files.length} given)`);
    return 2;
  }
  let analysis: Awaited<ReturnType<typeof createNodeAnalysis>> | null = null;
  let anyUnreadable = false;
  let anyFailed = false;
  const batch = files.length > 1;
  try {
    for (const file of files) {
      let input;
      try {
        input = await readImageFile(file);
      } catch (error) {
        if (!(error instanceof InputFileError)) throw error;
        io.err(`station precheck: ${error.message}`);
        if (options.json && batch) io.out(JSON.stringify({ path: file, error: error.message }));
        anyUnreadable = true;
        continue;
      }
      analysis ??= await createNodeAnalysis();
      const result = await precheck(role, input.bytes, analysis, input.totalBytes);
      let fixed = null;
      if (options.fix && !result.blocked) {
        fixed = await autofix(input.bytes, result);
        await writeFile(options.fix, fixed.bytes);
      }
      if (options.json) {
        io.out(JSON.stringify({ path: file, ...publicReport(result), autofix: fixed && { before: fixed.before, after: fixed.after, changes: fixed.changes, output: options.fix } }));
      } else {
        if (batch) io.out(`${file}`);
        printReport(io, result);
        if (fixed) io.out(`Auto-fixed image written to ${options.fix}: ${fixed.changes.join('; ')}`);
        else if (options.fix) io.out('No auto-fixed image was written: this image cannot be repaired.');
      }
      if (unreadable(result)) anyUnreadable = true;
      else if (result.verdict === 'fail') anyFailed = true;
    }
  } finally {
    await analysis?.close();
  }
  return anyUnreadable ? 2 : anyFailed ? 1 : 0;
}
