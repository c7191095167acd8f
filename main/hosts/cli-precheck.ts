import { writeFile } from 'node:fs/promises';
import type { Check } from '../../common/analysis/check';
import { precheck, type PrecheckResult } from '../../common/analysis/precheck';
import { autofix } from '../analysis/autofix';
import { createNodeAnalysis } from '../analysis/node-analysis';
import { InputFileError, readImageFile } from '../analysis/node-image';
import type { CliIo } from './cli';

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

/**
 * `station precheck <role> <image>`: exit 0 when nothing fails, 1 when a check fails, 2 on usage
 * errors or input that cannot be read as an image at all.
 */
export async function runPrecheck(role: PrecheckResult['role'], file: string, options: PrecheckOptions, io: CliIo): Promise<number> {
  let input;
  try {
    input = await readImageFile(file);
  } catch (error) {
    if (error instanceof InputFileError) {
      io.err(`station precheck: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const analysis = await createNodeAnalysis();
  try {
    const result = await precheck(role, input.bytes, analysis, input.totalBytes);
    let fixed = null;
    if (options.fix && !result.blocked) {
      fixed = await autofix(input.bytes, result);
      await writeFile(options.fix, fixed.bytes);
    }
    if (options.json) {
      const { faces, ...rest } = result;
      io.out(JSON.stringify({ ...rest, faces: faces.map(({ embedding: _embedding, ...face }) => face), autofix: fixed && { before: fixed.before, after: fixed.after, changes: fixed.changes, output: options.fix } }, null, 2));
    } else {
      printReport(io, result);
      if (fixed) io.out(`Auto-fixed image written to ${options.fix}: ${fixed.changes.join('; ')}`);
      else if (options.fix) io.out('No auto-fixed image was written: this image cannot be repaired.');
    }
    if (unreadable(result)) return 2;
    return result.verdict === 'fail' ? 1 : 0;
  } finally {
    await analysis.close();
  }
}
