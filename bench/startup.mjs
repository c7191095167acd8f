// bench/startup: time from launching `station web` to the shell being interactive in Chromium
// (status loaded over the bridge, navigation usable), and the renderer bundle size. The baseline,
// measured in the same run and browser, is a bare Node HTTP server serving one static page: the
// floor that any "start a process, open a page" flow pays on this machine.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { ensureBuilt, ROOT } from '../scripts/ensure-build.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_MS = 1500;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const BASELINE_SERVER = `
  const http = require('node:http');
  const server = http.createServer((req, res) => { res.writeHead(200, {'Content-Type': 'text/html'}); res.end('<!doctype html><nav aria-label="Main"><button>Ready</button></nav>'); });
  server.listen(0, '127.0.0.1', () => console.log('Open: http://127.0.0.1:' + server.address().port + '/'));
  process.on('SIGTERM', () => process.exit(0));`;

function launch(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /Open: (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, url };
}

async function measure(browser, args, ready) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = performance.now();
  const { child, url } = launch(args);
  const address = await url;
  const listening = performance.now();
  await page.goto(address);
  await ready(page);
  const interactive = performance.now();
  child.kill('SIGTERM');
  await context.close();
  return { total: interactive - started, process: listening - started, page: interactive - listening };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => `${ms.toFixed(0).padStart(5)} ms`;

function bundleSize() {
  const dir = join(ROOT, 'out', 'renderer');
  let raw = 0;
  let gz = 0;
  const walk = (path) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      // engine/ (models, wasm, tesseract) and the lazily loaded chunks are fetched on first use, not at start.
      if (entry === 'engine' || /^(human|browser-analysis)[.-]/.test(entry)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(js|css|html)$/.test(entry)) {
        const bytes = readFileSync(full);
        raw += bytes.length;
        gz += gzipSync(bytes).length;
      }
    }
  };
  walk(dir);
  return { raw, gz };
}

ensureBuilt();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
const station = [];
const baseline = [];
try {
  for (let i = 0; i < RUNS; i += 1) {
    const data = mkdtempSync(join(tmpdir(), 'station-bench-'));
    // Alternate the two so machine noise lands on both alike.
    baseline.push(await measure(browser, ['-e', BASELINE_SERVER], (page) => page.getByRole('button', { name: 'Ready' }).waitFor()));
    station.push(
      await measure(browser, [join(ROOT, 'bin', 'station.mjs'), 'web', '--port', '0', '--data', data], async (page) => {
        await page.getByRole('contentinfo', { name: 'Station status' }).getByText('Training').waitFor();
        await page.getByRole('button', { name: /Queue/ }).click({ trial: true });
      }),
    );
    rmSync(data, { recursive: true, force: true });
  }
} finally {
  await browser.close();
}

const summary = (runs) => ({ total: median(runs.map((r) => r.total)), process: median(runs.map((r) => r.process)), page: median(runs.map((r) => r.page)) });
const s = summary(station);
const b = summary(baseline);
const size = bundleSize();
console.log(`bench/startup: ${RUNS} runs each, medians (Node ${process.version}, ${(await import('node:os')).cpus().length} cores)`);
console.log(`                       total   process-up  page-to-interactive`);
console.log(`station web        ${fmt(s.total)}   ${fmt(s.process)}   ${fmt(s.page)}`);
console.log(`baseline (static)  ${fmt(b.total)}   ${fmt(b.process)}   ${fmt(b.page)}`);
console.log(`ratio station/baseline: ${(s.total / b.total).toFixed(2)}x`);
console.log(`renderer bundle loaded at start (js+css+html): ${(size.raw / 1024).toFixed(1)} KiB, ${(size.gz / 1024).toFixed(1)} KiB gzipped`);
console.log(
  `target: interactive in under ${TARGET_MS} ms: ${s.total < TARGET_MS ? 'met' : 'NOT met'} (median ${s.total.toFixed(0)} ms, worst ${Math.max(...station.map((r) => r.total)).toFixed(0)} ms)`,
);
