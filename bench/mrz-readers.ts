/**
 * Compares the MRZ readers (OCR-B templates, Tesseract, and the two combined) on the eval-dev
 * specimens and the generated fixtures: documents and lines read exactly, and warm ms per read.
 * Run: `npx tsx bench/mrz-readers.ts` (after `npm run fixtures`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MrzReadStrategy } from '../common/analysis/mrz-ocr';
import type { MrzFormat } from '../common/analysis/mrz-types';
import { decodeWithSharp } from '../main/analysis/node-image';
import { createNodeMrzReader } from '../main/analysis/node-mrz-reader';
import { loadEvalDev } from '../test/support/eval-dev';

interface Case {
  name: string;
  bytes: Uint8Array;
  want: string[];
  format: MrzFormat;
}
const cases: Case[] = [];
const formatOf = (n: number): MrzFormat => (n === 44 ? 'TD3' : n === 36 ? 'TD2' : 'TD1');
const ev = loadEvalDev();
if ('skip' in ev) console.log(`eval-dev skipped: ${ev.skip}`);
else
  for (const e of ev.entries.filter((x) => x.group === 'documents' && x.labels.mrz_lines))
    cases.push({ name: e.file, bytes: readFileSync(join(ev.dir, e.file)), want: e.labels.mrz_lines!, format: formatOf(e.labels.mrz_lines![0]!.length) });
const labelsFile = join(import.meta.dirname, '..', 'test', 'fixtures', 'generated', 'labels.json');
if (existsSync(labelsFile)) {
  for (const l of JSON.parse(readFileSync(labelsFile, 'utf8')) as Array<{ name: string; file: string; mrz?: { lines: string[] } }>) {
    if (l.mrz) cases.push({ name: `fixture ${l.name}`, bytes: readFileSync(l.file), want: l.mrz.lines, format: formatOf(l.mrz.lines[0]!.length) });
  }
} else console.log('fixtures skipped: run npm run fixtures');

const verbose = process.argv.includes('--verbose');
console.log('strategy   set        docs exact  lines exact  median ms  max ms');
const all: MrzReadStrategy[] = ['template', 'tesseract', 'combined'];
const chosen = all.filter((s) => process.argv.includes(s));
for (const strategy of chosen.length > 0 ? chosen : all) {
  const reader = await createNodeMrzReader(undefined, { strategy });
  const images = await Promise.all(cases.map((c) => decodeWithSharp(c.bytes)));
  await reader.read(images[0]!, null, cases[0]!.format); // warm-up
  const rows = new Map<string, { docs: number; exact: number; lines: number; linesExact: number; ms: number[] }>();
  for (const [i, c] of cases.entries()) {
    const started = performance.now();
    const read = await reader.read(images[i]!, null, c.format);
    const ms = performance.now() - started;
    const set = c.name.startsWith('fixture') ? 'fixtures' : 'eval-dev';
    const row = rows.get(set) ?? { docs: 0, exact: 0, lines: 0, linesExact: 0, ms: [] };
    const linesExact = c.want.filter((w, j) => read.lines[j] === w).length;
    row.docs += 1;
    row.lines += c.want.length;
    row.linesExact += linesExact;
    if (linesExact === c.want.length && read.lines.length === c.want.length) row.exact += 1;
    else if (verbose) console.log(`  ${strategy} WRONG ${c.name}: ${read.lines.join(' / ')}`);
    row.ms.push(ms);
    rows.set(set, row);
  }
  await reader.close();
  for (const [set, r] of rows) {
    const sorted = [...r.ms].sort((a, b) => a - b);
    console.log(
      `${strategy.padEnd(10)} ${set.padEnd(10)} ${`${r.exact}/${r.docs}`.padStart(10)}  ${`${r.linesExact}/${r.lines}`.padStart(11)}  ${sorted[sorted.length >> 1]!.toFixed(0).padStart(9)}  ${sorted[sorted.length - 1]!.toFixed(0).padStart(6)}`,
    );
  }
}
