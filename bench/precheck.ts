/**
 * bench/precheck: speed and accuracy of the on-device analysis engine, in Node and in Chromium
 * (WASM), on this machine, in one run. Baseline: decoding the same image alone, measured alongside.
 *   npx tsx bench/precheck.ts
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { performance } from 'node:perf_hooks';
import { median, timeIt } from './timing';
import { MRZ_FORMAT_BY_ROLE, mrzRegion } from '../common/analysis/document-checks';
import { findDocument } from '../common/analysis/document-geometry';
import { guideSelfieFrame } from '../common/analysis/live-guidance';
import { precheck } from '../common/analysis/precheck';
import { createNodeAnalysis } from '../main/analysis/node-analysis';
import { decodeWithSharp } from '../main/analysis/node-image';
import { buildHarness, serveHarness } from '../test/browser-engine/serve';
import { ensureFixtures } from '../test/fixtures/generate';

const ms = (v: number) => `${v.toFixed(0)} ms`;

const labels = await ensureFixtures();
const file = (name: string) => readFileSync(labels.find((l) => l.name === name)!.file);

// A 1080p still: the good portrait on a plain backdrop, face about 330 px across.
const portrait = await sharp(file('selfie-face-400.jpg')).resize({ height: 1080 }).toBuffer();
const still1080 = await sharp({ create: { width: 1920, height: 1080, channels: 3, background: '#6d7278' } })
  .composite([{ input: portrait, gravity: 'centre' }])
  .jpeg({ quality: 90 })
  .toBuffer();
const frame640 = await sharp(still1080).resize({ width: 640, height: 480, fit: 'cover' }).jpeg({ quality: 85 }).toBuffer();
const normalPassports = labels.filter((l) => /^passport-\d-\d+\.jpg$/.test(l.name));

console.log(`bench/precheck on Node ${process.version}, ${cpus().length} cores`);
const coldStart = performance.now();
const env = await createNodeAnalysis();
const nodeLoad = performance.now() - coldStart;

const decode1080 = await timeIt(10, () => decodeWithSharp(still1080));
const selfie1080 = await timeIt(10, () => precheck('selfie', still1080, env));
const frame = await decodeWithSharp(frame640);
const guidanceNode = await timeIt(30, async () => guideSelfieFrame(frame, await env.faces.detect(frame, 'fast'), null, { captureScale: 1080 / 480 }));
const mrzTimes: number[] = [];
const passportTimes: number[] = [];
for (const label of normalPassports) {
  const image = await decodeWithSharp(readFileSync(label.file));
  const region = mrzRegion(findDocument(image).bounds, MRZ_FORMAT_BY_ROLE.passport!);
  mrzTimes.push(await timeIt(3, () => env.mrz.read(image, region, 'TD3')));
  passportTimes.push(await timeIt(3, () => precheck('passport', readFileSync(label.file), env)));
}

// Accuracy over the labelled set: a "positive" is a check that should not pass.
const confusion = new Map<string, { tp: number; fp: number; fn: number; tn: number }>();
let hardFalsePasses = 0;
let mrzLinesExact = 0;
let mrzLines = 0;
let mrzExact = 0;
let mrzValid = 0;
let mrzTotal = 0;
for (const label of labels) {
  const result = await precheck(label.role, readFileSync(label.file), env);
  for (const [id, want] of Object.entries(label.expect)) {
    const got = result.checks.find((c) => c.id === id)?.verdict ?? 'pass';
    const row = confusion.get(id) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    const shouldFlag = want !== 'pass';
    const flagged = got !== 'pass';
    row[shouldFlag ? (flagged ? 'tp' : 'fn') : flagged ? 'fp' : 'tn'] += 1;
    confusion.set(id, row);
  }
  if (label.hardFailure && result.verdict === 'pass') hardFalsePasses += 1;
  if (label.mrz) {
    mrzTotal += 1;
    const lines = result.mrz?.lines ?? [];
    label.mrz.lines.forEach((line, i) => {
      mrzLines += 1;
      if (lines[i] === line) mrzLinesExact += 1;
    });
    if (label.mrz.lines.every((line, i) => lines[i] === line)) mrzExact += 1;
    if (result.mrz?.valid) mrzValid += 1;
  }
}
await env.close();

// Chromium (WASM), same engine through the renderer's adapters, under the station's CSP.
await buildHarness();
const server = await serveHarness();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
await page.goto(server.url);
const browserCold = performance.now();
await page.evaluate(() => (globalThis as unknown as { engine: { ready(): Promise<boolean> } }).engine.ready());
const browserLoad = performance.now() - browserCold;
type Engine = { precheck(role: string, b64: string): Promise<unknown>; guidanceFrameMs(b64: string, n: number): Promise<{ medianMs: number; prompt: string }> };
const inPage = (role: string, bytes: Buffer) => page.evaluate(([r, b]) => (globalThis as unknown as { engine: Engine }).engine.precheck(r, b), [role, bytes.toString('base64')] as const);
const selfieBrowser = await timeIt(5, () => inPage('selfie', still1080));
const guidanceBrowser = await page.evaluate((b) => (globalThis as unknown as { engine: Engine }).engine.guidanceFrameMs(b, 30), frame640.toString('base64'));
const passportBrowser = await timeIt(3, () => inPage('passport', readFileSync(normalPassports[1]!.file)));
await browser.close();
await server.close();

const passportMrz = median(mrzTimes);
console.log('');
console.log('speed (medians)                          Node        Chromium WASM');
console.log(`  decode 1080p JPEG (baseline)          ${ms(decode1080).padEnd(12)}`);
console.log(`  full selfie pre-check, 1080p still    ${ms(selfie1080).padEnd(12)}${ms(selfieBrowser)}   (Node ${(selfie1080 / decode1080).toFixed(1)}x decode)`);
console.log(
  `  live guidance frame, 640x480          ${ms(guidanceNode).padEnd(12)}${ms(guidanceBrowser.medianMs)}   (${(1000 / guidanceNode).toFixed(0)} / ${(1000 / guidanceBrowser.medianMs).toFixed(0)} frames/s, prompt "${guidanceBrowser.prompt}")`,
);
console.log(`  MRZ read, passport                    ${ms(passportMrz).padEnd(12)}`);
console.log(`  full passport pre-check (with MRZ)    ${ms(median(passportTimes)).padEnd(12)}${ms(passportBrowser)}`);
console.log(`  engine load (cold, once per process)  ${ms(nodeLoad).padEnd(12)}${ms(browserLoad)}`);
console.log('');
console.log('accuracy on the labelled fixture set (positive = the check should not pass)');
console.log('  check                  n   precision  recall');
for (const [id, row] of [...confusion.entries()].sort()) {
  const n = row.tp + row.fp + row.fn + row.tn;
  const precision = row.tp + row.fp === 0 ? '-' : (row.tp / (row.tp + row.fp)).toFixed(2);
  const recall = row.tp + row.fn === 0 ? '-' : (row.tp / (row.tp + row.fn)).toFixed(2);
  console.log(`  ${id.padEnd(20)} ${String(n).padStart(3)}   ${precision.padStart(9)}  ${recall.padStart(6)}`);
}
console.log(
  `  MRZ: ${mrzExact}/${mrzTotal} documents read exactly, ${mrzValid}/${mrzTotal} with valid check digits, exact-line accuracy ${((mrzLinesExact / mrzLines) * 100).toFixed(1)} % (${mrzLinesExact}/${mrzLines} lines)`,
);
console.log(`  hard-failure fixtures passed: ${hardFalsePasses}`);
console.log('');
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
console.log(
  `targets: 1080p selfie ≤ 300 ms in Node: ${verdict(selfie1080 <= 300)}; live guidance ≥ 20 frames/s in Chromium: ${verdict(guidanceBrowser.medianMs <= 50)}; passport pre-check with MRZ ≤ 400 ms in Node: ${verdict(median(passportTimes) <= 400)}; every generated document's MRZ exact: ${verdict(mrzExact === mrzTotal)}; zero false pass on hard failures: ${verdict(hardFalsePasses === 0)}`,
);
