// Dev harness: template read of every eval-dev document, top-1 per line vs the typed-out MRZ.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWithSharp } from '../main/analysis/node-image';
import { locateMrz, lumaOf, flipBand } from '../common/analysis/mrz-locate';
import { readOcrbBand, ocrbOcrLines, calibrateOcrb } from '../common/analysis/ocrb-reader';
import { mrzPositionClasses } from '../common/analysis/mrz';
import { readMrzText } from '../common/analysis/mrz';
let exact = 0, total = 0;
import { loadEvalDev } from '../test/support/eval-dev';
const ev = loadEvalDev();
if ('skip' in ev) throw new Error(ev.skip);
const only = process.argv[2];
for (const e of ev.entries.filter((x) => x.group === 'documents' && x.labels.mrz_lines && (!only || x.file.includes(only)))) {
  const img = await decodeWithSharp(readFileSync(join(ev.dir, e.file)));
  const want = e.labels.mrz_lines!;
  const band = locateMrz(img);
  if (!band) { console.log('NOBAND', e.file); continue; }
  const luma = lumaOf(img);
  const t = Date.now();
  const n = want[0]!.length;
  let lines = readOcrbBand(luma, img.width, img.height, band, n);
  const mean = (ls: typeof lines) => ls.reduce((s, l) => s + l.meanScore, 0) / ls.length;
  if (mean(lines) < 0.85) { const fl = readOcrbBand(luma, img.width, img.height, flipBand(band), n); if (mean(fl) > mean(lines)) lines = fl; }
  const fmt = n === 44 ? 'TD3' : n === 36 ? 'TD2' : 'TD1';
  if (!process.env.NOCAL) lines = calibrateOcrb(lines, mrzPositionClasses(fmt));
  const r = readMrzText(ocrbOcrLines(lines), fmt, new Date());
  const got = r.lines;
  const ms = Date.now() - t;
  total++; if (want.every((w, i) => got[i] === w)) exact++;
  const errs = want.map((w, i) => [...w].filter((ch, j) => got[i]?.[j] !== ch).length);
  console.log(`${errs.every((x) => x === 0) ? 'ok ' : 'BAD'} ${e.file} lines=${band.lines.length}/${want.length} errs=${errs.join(',')} mean=${mean(lines).toFixed(2)} valid=${r.valid} guessed=${r.guessedCharacters} ${ms}ms`);
  if (errs.some((x) => x)) for (let i = 0; i < want.length; i++) console.log(`   want ${want[i]}\n   got  ${got[i] ?? ''}`);
}
console.log(`exact ${exact}/${total}`);
