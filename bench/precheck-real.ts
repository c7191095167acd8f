/**
 * bench/precheck-real: the engine on real images nobody here made (../shared/eval-dev, labelled):
 * selfie defects caught per reason, MRZ read exactly per document type, full-frame scans' fill and
 * tilt, the sandbox's face-match error rates on every pair, and warm times beside a decode baseline
 * measured in the same run. Skips with a printed reason where the folder is missing.
 *   npx tsx bench/precheck-real.ts [--verbose]
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { median, timeIt } from './timing';
import { precheck } from '../common/analysis/precheck';
import { createNodeAnalysis } from '../main/analysis/node-analysis';
import { decodeWithSharp } from '../main/analysis/node-image';
import { largestFaceEmbedding } from '../main/sandbox/face-embedding';
import { MATCH_THRESHOLD } from '../main/sandbox/face-match';
import { loadEvalDev, matchRates, scoreDerivedDefects, scoreDocuments, scoreDocumentsAt, scorePairs, scoreSelfies } from '../test/support/eval-dev';

const verbose = process.argv.includes('--verbose');
const set = loadEvalDev();
if ('skip' in set) {
  console.log(`bench/precheck-real skipped: ${set.skip}`);
  process.exit(0);
}
const { entries, dir } = set;
const pct = (n: number, d: number) => `${d === 0 ? '-' : ((n / d) * 100).toFixed(1)} %`;

console.log(`bench/precheck-real on Node ${process.version}, ${cpus().length} cores, over ${dir}`);
const env = await createNodeAnalysis();

// Selfies
const selfies = await scoreSelfies(entries, dir, env);
const defective = selfies.filter((s) => s.expected === 'fail');
const good = selfies.filter((s) => s.expected === 'pass');
console.log('');
console.log('selfies (a photo is rejected when a check fails that auto-fix cannot repair)');
console.log(`  defective photos passed: ${defective.filter((s) => !s.rejected).length}/${defective.length} (${pct(defective.filter((s) => !s.rejected).length, defective.length)}; target ≤ 5 %)`);
console.log(`  good photos rejected:    ${good.filter((s) => s.rejected).length}/${good.length} (${pct(good.filter((s) => s.rejected).length, good.length)}; target ≤ 10 %)`);
console.log('  reason                  photos  caught by its own check');
const reasons = [...new Set(defective.flatMap((s) => s.reasons))].sort();
for (const reason of reasons) {
  const withReason = defective.filter((s) => s.reasons.includes(reason));
  console.log(`  ${reason.padEnd(22)} ${String(withReason.length).padStart(6)}  ${withReason.filter((s) => s.caught[reason]).length}`);
}
for (const s of selfies) {
  const wrong = s.expected === 'fail' ? !s.rejected : s.rejected;
  if (verbose || wrong) console.log(`  ${wrong ? 'WRONG' : 'ok   '} ${s.expected} ${s.file}: ${s.failing.join(', ') || 'every check passed'}`);
}

// The labelled defects drawn on other people's photos: does the method carry over?
const derived = await scoreDerivedDefects(entries, dir, env);
console.log('');
console.log(`defects drawn on the ${derived.photos} accepted photos of faces_pairs/ (other people and cameras than the calibration faces)`);
console.log(`  clean photos rejected: ${derived.cleanRejected.length}${derived.cleanRejected.length ? ` (${derived.cleanRejected.join('; ')})` : ''}`);
for (const [defect, row] of Object.entries(derived.defects)) {
  console.log(`  ${defect.padEnd(12)} rejected ${row.rejected}/${row.rejected + row.passed.length}`);
  if (verbose) for (const miss of row.passed) console.log(`      passed: ${miss}`);
}

// Documents
const documents = await scoreDocuments(entries, dir, env);
console.log('');
console.log('documents (MRZ exact = every line equal to the typed-out MRZ)');
console.log('  type    docs  exact  lines exact  valid check digits');
for (const type of [...new Set(documents.map((d) => d.type))].sort()) {
  const ds = documents.filter((d) => d.type === type);
  const lines = ds.reduce((n, d) => n + d.lines, 0);
  const exactLines = ds.reduce((n, d) => n + d.linesExact, 0);
  console.log(
    `  ${type.padEnd(6)} ${String(ds.length).padStart(5)}  ${String(ds.filter((d) => d.exact).length).padStart(5)}  ${`${exactLines}/${lines}`.padStart(11)}  ${ds.filter((d) => d.valid).length}`,
  );
}
const exact = documents.filter((d) => d.exact).length;
console.log(`  all    ${String(documents.length).padStart(5)}  ${String(exact).padStart(5)}  (${pct(exact, documents.length)}; target ≥ 95 %)`);
const scans = documents.filter((d) => d.capture === 'scan');
const scanOk = scans.filter((d) => d.fillVerdict !== 'fail' && d.tiltVerdict !== 'fail' && d.fillVerdict !== null);
console.log(`  full-frame scans passing fill and tilt: ${scanOk.length}/${scans.length}`);
for (const d of documents) {
  if (verbose || !d.exact) console.log(`  ${d.exact ? 'ok   ' : 'WRONG'} ${d.type} ${d.file}: ${d.read.join(' / ') || '(no MRZ)'}  [${d.failing.join(', ')}]`);
}

console.log('  the same documents scaled down (page width): MRZ read exactly');
for (const width of [600, 450, 350]) {
  const at = await scoreDocumentsAt(entries, dir, env, width);
  console.log(`    ${String(width).padStart(4)} px: ${at.exact}/${at.total}`);
}

// Face match
// The sandbox's own path: detect, then the descriptor of the normalised crop (face-embedding.ts).
const { pairs, missing } = await scorePairs(entries, dir, env, async (bytes) => largestFaceEmbedding(await env.decode(bytes), env.faces));
const at = matchRates(pairs, MATCH_THRESHOLD);
console.log('');
console.log(`face match over every pair of faces_pairs/ (${at.genuine} same-person, ${at.impostor} different-person pairs${missing.length ? `; no face in ${missing.join(', ')}` : ''})`);
console.log(`  sandbox threshold ${MATCH_THRESHOLD}: false accepts ${pct(at.far * at.impostor, at.impostor)}, false rejects ${pct(at.frr * at.genuine, at.genuine)}`);
const genuine = pairs.filter((p) => p.same).map((p) => p.similarity);
const impostor = pairs.filter((p) => !p.same).map((p) => p.similarity);
console.log(
  `  same person ${Math.min(...genuine).toFixed(2)}–${Math.max(...genuine).toFixed(2)} (median ${median(genuine).toFixed(2)}); different ${Math.min(...impostor).toFixed(2)}–${Math.max(...impostor).toFixed(2)} (median ${median(impostor).toFixed(2)})`,
);
for (const t of [0.34, 0.36, 0.38, 0.4, 0.42, 0.45, 0.5]) {
  const r = matchRates(pairs, t);
  console.log(`    at ${t.toFixed(2)}: FAR ${(r.far * 100).toFixed(1)} %, FRR ${(r.frr * 100).toFixed(1)} %`);
}

// Warm times
const selfieSource = readFileSync(join(dir, 'face_quality/pass/dlib__Tom_Cruise_avp_2014_4.jpg'));
const portrait = await sharp(selfieSource).resize({ height: 1080 }).toBuffer();
const still1080 = await sharp({ create: { width: 1920, height: 1080, channels: 3, background: '#6d7278' } })
  .composite([{ input: portrait, gravity: 'centre' }])
  .jpeg({ quality: 90 })
  .toBuffer();
const passport = readFileSync(join(dir, 'documents/passporteye__100_pass-bdr.jpg'));
const decode1080 = await timeIt(5, () => decodeWithSharp(still1080));
const selfieMs = await timeIt(5, () => precheck('selfie', still1080, env));
const decodePassport = await timeIt(5, () => decodeWithSharp(passport));
const passportMs = await timeIt(5, () => precheck('passport', passport, env));
await env.close();
console.log('');
console.log('warm times (medians of 5, Node)');
console.log(`  decode 1080p JPEG (baseline)      ${decode1080.toFixed(0)} ms`);
console.log(`  selfie pre-check, 1080p           ${selfieMs.toFixed(0)} ms (${(selfieMs / decode1080).toFixed(1)}x decode; target ≤ 300 ms)`);
console.log(`  decode passport scan (baseline)   ${decodePassport.toFixed(0)} ms`);
console.log(`  passport pre-check with MRZ       ${passportMs.toFixed(0)} ms (${(passportMs / decodePassport).toFixed(1)}x decode; target ≤ 400 ms)`);
