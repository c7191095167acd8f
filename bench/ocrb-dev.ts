// Dev harness: template read of every eval-dev document vs the typed-out MRZ (`npx tsx bench/ocrb-dev.ts [name filter]`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locateMrz, lumaOf } from '../common/analysis/mrz-locate';
import { readMrzByTemplates } from '../common/analysis/ocrb-reader';
import { decodeWithSharp } from '../main/analysis/node-image';
import { loadEvalDev } from '../test/support/eval-dev';

const ev = loadEvalDev();
if ('skip' in ev) throw new Error(ev.skip);
const only = process.argv[2];
let exact = 0;
let total = 0;
for (const e of ev.entries.filter((x) => x.group === 'documents' && x.labels.mrz_lines && (!only || x.file.includes(only)))) {
  const img = await decodeWithSharp(readFileSync(join(ev.dir, e.file)));
  const want = e.labels.mrz_lines!;
  total += 1;
  const band = locateMrz(img);
  if (!band) {
    console.log('NOBAND', e.file);
    continue;
  }
  const started = Date.now();
  const n = want[0]!.length;
  const r = readMrzByTemplates(lumaOf(img), img.width, img.height, band, n === 44 ? 'TD3' : n === 36 ? 'TD2' : 'TD1', new Date());
  const ms = Date.now() - started;
  const got = r.lines;
  const errs = want.map((w, i) => [...w].filter((ch, j) => got[i]?.[j] !== ch).length);
  if (errs.every((x) => x === 0)) exact += 1;
  console.log(`${errs.every((x) => x === 0) ? 'ok ' : 'BAD'} ${e.file} lines=${band.lines.length}/${want.length} errs=${errs.join(',')} valid=${r.valid} guessed=${r.guessedCharacters} ${ms}ms`);
  if (errs.some((x) => x)) for (let i = 0; i < want.length; i += 1) console.log(`   want ${want[i]}\n   got  ${got[i] ?? ''}`);
}
console.log(`exact ${exact}/${total}`);
