/**
 * bench/load: the web station under load, on loopback only, bounded in time.
 *   npx tsx bench/load.ts        (needs the renderer build: `node scripts/ensure-build.mjs`)
 *   BENCH_ITEMS=5000 BENCH_IMAGES=300 BENCH_SESSIONS=20 BENCH_DEADLINE_S=600 to change the size.
 *
 * This process is the station as `station web` runs it: core, encrypted store, web server, the
 * training sandbox in-process (instant stand-in engine, 50 ms tasks) and the station's rotating
 * log. A child process drives the Chromium sessions, so the RSS, heap and event-loop figures are
 * the station's own and not Playwright's.
 *   1. Idle: the station alone, nothing queued (3 s).
 *   2. Baseline: the sessions open and polling, nothing queued (5 s).
 *   3. Load: BENCH_ITEMS background checks with generated names and BENCH_IMAGES face_liveness with
 *      a real JPEG, submitted back to back through the bridge's dispatch (one per macrotask, as
 *      frames arriving on the socket would be), while the queue drains them; every session keeps
 *      invoking queue:list / status:get every 500 ms through `window.station` and receives every
 *      queue:changed (the app itself also refreshes its queue rows on each one).
 * Targets: RSS < 600 MB (three times the idle station and still small next to the renderer on a
 * 4 GB front-desk PC), event-loop p99 < 100 ms (an operator notices 100 ms), every item done
 * exactly once (the sandbox saw exactly one POST per item), no session error.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { StationApi, SubmitRequest } from '../common/contract';
import { stationLogPath } from '../main/core/log-file';
import { createStationLogger, warningsOnly } from '../main/core/logger';
import { createStationCore, type StationCore } from '../main/core/station-core';
import { passphraseWrapper } from '../main/core/store/keyring';
import { openStore } from '../main/core/store/open-store';
import { startWebStation } from '../main/hosts/web/web-station';
import { startSandbox } from '../main/sandbox/sandbox-server';
import { DEFAULT_TRAINING_USER } from '../main/sandbox/sandbox-types';
import { instantEngine } from '../test/support/instant-engine';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 5_000);
const IMAGES_WANTED = Number(process.env.BENCH_IMAGES ?? 300);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20);
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_S ?? 600) * 1000;
const POLL_MS = 500;
const SAMPLE_MS = 500;
const RSS_LIMIT_MB = 600;
const LOOP_P99_LIMIT_MS = 100;
const ROOT = join(fileURLToPath(import.meta.url), '../..');

type Phase = 'idle' | 'baseline' | 'load';
type ToChild = { kind: 'phase'; phase: Phase } | { kind: 'stop' } | { kind: 'link'; url: string };
interface SessionReport {
  latencies: Record<Phase, number[]>;
  eventsBeforeLoad: number[];
  eventsTotal: number[];
  /** Page errors, failed invokes, bridge failures: each one is a session that errored. */
  errors: string[];
  consoleErrors: string[];
}
type FromChild = { kind: 'ready'; openMs: number } | { kind: 'report'; report: SessionReport } | { kind: 'failed'; message: string } | { kind: 'link-request' };

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const percentile = (values: readonly number[], q: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

// ——— the sessions (child process) ———

/** Resolves once the message is handed to the channel, so disconnecting after it loses nothing. */
const tellParent = (message: FromChild) => new Promise<void>((done, fail) => process.send!(message, undefined, {}, (error) => (error ? fail(error) : done())));

/** The station's next single-use launch link, asked of the parent (each opens one page). */
function requestLaunchLink(): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (message: ToChild) => {
      if (message.kind !== 'link') return;
      process.off('message', onMessage);
      resolve(message.url);
    };
    process.on('message', onMessage);
    void tellParent({ kind: 'link-request' });
  });
}

async function runSessions(count: number): Promise<void> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ headless: true, ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}), args: ['--no-sandbox', '--disable-gpu'] });
  const report: SessionReport = { latencies: { idle: [], baseline: [], load: [] }, eventsBeforeLoad: [], eventsTotal: [], errors: [], consoleErrors: [] };
  let phase: Phase = 'baseline';
  let stopping = false;
  const opened = performance.now();
  // The station process went away (killed, crashed): take the browsers down with this process.
  const orphaned = () => void browser.close().finally(() => process.exit(1));
  process.once('disconnect', orphaned);

  // Two pages at a time: twenty app start-ups at once on two cores only measure the start-up.
  const pages: { name: string; page: Page }[] = [];
  // A link is spent by the page that opens it and the station then mints the next: one at a time.
  let linkInUse: Promise<unknown> = Promise.resolve();
  const openWithFreshLink = (page: Page) => (linkInUse = linkInUse.then(async () => page.goto(await requestLaunchLink())));
  for (let first = 0; first < count; first += 2) {
    pages.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(2, count - first) }, async (_, offset) => {
          const name = `session ${first + offset + 1}`;
          const page = await (await browser.newContext()).newPage();
          page.setDefaultTimeout(60_000);
          page.on('pageerror', (error) => report.errors.push(`${name}: page error: ${error.message}`));
          page.on('console', (message) => {
            if (message.type() === 'error') report.consoleErrors.push(`${name}: ${message.text()}`);
          });
          await openWithFreshLink(page);
          await page.waitForFunction(() => 'station' in globalThis);
          await page.evaluate(() => {
            const scope = globalThis as unknown as { station: StationApi; loadEvents: number };
            scope.loadEvents = 0;
            scope.station.on('queue:changed', () => (scope.loadEvents += 1));
          });
          return { name, page };
        }),
      )),
    );
  }
  const events = () => Promise.all(pages.map(({ page }) => page.evaluate(() => (globalThis as unknown as { loadEvents: number }).loadEvents)));

  process.on('message', (message: ToChild) => {
    if (message.kind === 'phase') {
      phase = message.phase;
      if (phase === 'load') void events().then((counts) => (report.eventsBeforeLoad = counts));
    } else if (message.kind === 'stop') stopping = true;
  });
  await tellParent({ kind: 'ready', openMs: performance.now() - opened });

  await Promise.all(
    pages.map(async ({ name, page }, index) => {
      // Spread the sessions over the polling period instead of firing all twenty together.
      await sleep((POLL_MS * index) / pages.length);
      for (let call = 0; !stopping; call += 1) {
        const operation = call % 2 === 0 ? 'queue:list' : 'status:get';
        try {
          const answer = await page.evaluate(async (op) => {
            const { station } = globalThis as unknown as { station: StationApi };
            const started = performance.now();
            const result = op === 'queue:list' ? await station.invoke('queue:list') : await station.invoke('status:get');
            return { ms: performance.now() - started, error: result.ok ? null : `${result.error.code}: ${result.error.message}` };
          }, operation);
          report.latencies[phase].push(answer.ms);
          if (answer.error) report.errors.push(`${name}: ${operation} failed: ${answer.error}`);
        } catch (error) {
          report.errors.push(`${name}: ${operation} threw: ${error instanceof Error ? error.message : String(error)}`);
        }
        await sleep(POLL_MS);
      }
    }),
  );
  report.eventsTotal = await events();
  process.off('disconnect', orphaned);
  await browser.close();
  await tellParent({ kind: 'report', report });
}

// ——— the station (this process) ———

function nextMessage<K extends FromChild['kind']>(child: ChildProcess, kind: K): Promise<Extract<FromChild, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromChild) => {
      if (message.kind === 'failed') reject(new Error(`sessions failed: ${message.message}`));
      else if (message.kind === kind) {
        child.off('message', onMessage);
        resolve(message as Extract<FromChild, { kind: K }>);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`the sessions process exited (${code}) before "${kind}"`)));
  });
}

const FIRST = ['Anna', 'Max', 'Erika', 'Jonas', 'Lea', 'Paul', 'Mia', 'Felix', 'José', 'Zoë', 'Ahmet', 'Fatma', 'Wei', 'Olga', 'Aisha', 'Omar'];
const LAST = ['Muster', 'Schmidt', 'Garcia', 'Okafor', 'Nguyen', 'Kowalski', 'Haddad', 'Johansson', 'Rossi', 'Tanaka', 'Dubois', 'Petrov'];
const backgroundCheck = (i: number): SubmitRequest => ({
  service: 'background_check',
  files: {},
  fields: { fullname: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}-${i}`, birth_date: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}` },
});

async function runStation(): Promise<void> {
  const builtRenderer = join(ROOT, 'out', 'renderer');
  if (!existsSync(join(builtRenderer, 'index.html'))) {
    console.error('bench/load needs the renderer build: run `node scripts/ensure-build.mjs` first.');
    process.exit(2);
  }
  const selfiePath = join(ROOT, 'test', 'fixtures', 'generated', 'selfie-good-a.jpg');
  const selfie = existsSync(selfiePath) ? readFileSync(selfiePath).toString('base64') : null;
  const images = selfie ? IMAGES_WANTED : 0;
  const total = ITEMS + images;

  const root = mkdtempSync(join(tmpdir(), 'station-bench-load-'));
  // A private copy: another build may replace out/renderer while the sessions load their pages.
  const rendererDir = join(root, 'renderer');
  cpSync(builtRenderer, rendererDir, { recursive: true });
  const dataDir = join(root, 'data');
  const log = createStationLogger({ scope: 'load', dataDir, console: false });
  const sandbox = await startSandbox({ dataDir: join(dataDir, 'training'), analysis: instantEngine, taskDurationMs: 50, maxQueuedTasks: 10_000, log: warningsOnly(log) });
  const store = openStore(dataDir, passphraseWrapper('bench load passphrase', { N: 2 ** 14, r: 8, p: 1 }));
  const core = createStationCore({
    dataDir,
    log,
    store,
    progeny: { startTraining: () => Promise.resolve({ baseUrl: sandbox.baseUrl, credentials: DEFAULT_TRAINING_USER, close: () => Promise.resolve() }) },
  });
  // What the sessions ask of the station: every bridge call, by operation, with the wall time from
  // its arrival in dispatch to its answer (calls overlap, so the sum can exceed the run).
  const bridgeWork = new Map<string, { calls: number; ms: number }>();
  const measured: StationCore = Object.create(core, {
    dispatch: {
      value: async (operation: unknown, payload: unknown) => {
        const started = performance.now();
        try {
          return await core.dispatch(operation, payload);
        } finally {
          const tally = bridgeWork.get(String(operation)) ?? { calls: 0, ms: 0 };
          tally.calls += 1;
          tally.ms += performance.now() - started;
          bridgeWork.set(String(operation), tally);
        }
      },
    },
  }) as StationCore;
  // The sessions poll but never type: the idle lock would lock the whole station after 5 minutes.
  const unlocked = await core.dispatch('settings:update', { idleLockMinutes: 0 });
  if (!unlocked.ok) throw new Error(`could not turn the idle lock off: ${unlocked.error.message}`);
  const station = await startWebStation({ core: measured, rendererDir, port: 0, log });
  await core.progeny!.probe();

  let phase: Phase = 'idle';
  const samples: Record<Phase, { rss: number; heap: number }[]> = { idle: [], baseline: [], load: [] };
  const sampler = setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    samples[phase].push({ rss, heap: heapUsed });
  }, SAMPLE_MS);
  const loops: Partial<Record<Phase, IntervalHistogram>> = {};
  const enter = (next: Phase) => {
    loops[phase]?.disable();
    phase = next;
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    loops[next] = histogram;
  };

  enter('idle');
  await sleep(3_000);

  const child = fork(fileURLToPath(import.meta.url), ['sessions', String(SESSIONS)], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const tell = (message: ToChild) => child.send(message);
  child.on('message', (message: FromChild) => {
    if (message.kind === 'link-request') tell({ kind: 'link', url: station.url });
  });
  const { openMs } = await nextMessage(child, 'ready');
  enter('baseline');
  tell({ kind: 'phase', phase: 'baseline' });
  await sleep(5_000);

  enter('load');
  tell({ kind: 'phase', phase: 'load' });
  const loadStart = performance.now();
  const acceptMs: number[] = [];
  const refused: string[] = [];
  const imageEvery = images > 0 ? Math.floor(total / images) : Infinity;
  let imagesSent = 0;
  let submitted = 0;
  for (let i = 0; i < total && performance.now() - loadStart < DEADLINE_MS; i += 1) {
    const withImage = selfie !== null && imagesSent < images && i % imageEvery === imageEvery - 1;
    const request: SubmitRequest = withImage
      ? { service: 'face_liveness', files: { image: { filename: `selfie-${i}.jpg`, contentType: 'image/jpeg', data: selfie } }, fields: {} }
      : backgroundCheck(i - imagesSent);
    if (withImage) imagesSent += 1;
    const started = performance.now();
    const result = await core.dispatch('verification:submit', request);
    acceptMs.push(performance.now() - started);
    if (result.ok) submitted += 1;
    else refused.push(`${result.error.code}: ${result.error.message}`);
    // One submission per macrotask, like frames arriving on the bridge socket.
    await new Promise<void>((done) => setImmediate(done));
  }
  const enqueueMs = performance.now() - loadStart;

  const queue = core.queue!.queue;
  let lastReport = performance.now();
  let drainedMs: number | null = null;
  while (performance.now() - loadStart < DEADLINE_MS) {
    const counts = queue.counts();
    if ((counts.done ?? 0) >= submitted) {
      drainedMs = performance.now() - loadStart;
      break;
    }
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      console.error(`  … ${((performance.now() - loadStart) / 1000).toFixed(0)} s: ${JSON.stringify(counts)}, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
    }
    await sleep(250);
  }
  loops.load!.disable();
  clearInterval(sampler);
  const final = process.memoryUsage();

  tell({ kind: 'stop' });
  const { report } = await nextMessage(child, 'report');
  const counts = queue.counts();
  const posts = sandbox.stats.posts;
  const postsTotal = Object.values(posts).reduce((sum, n) => sum + n, 0);
  await station.close();
  await core.close();
  // Items still being polled finish after close(); give them the sandbox for a moment so what they
  // do after shutdown shows in the log below instead of after this process has cleaned up.
  await sleep(2_000);
  await sandbox.close();
  const logLines = existsSync(stationLogPath(dataDir)) ? readFileSync(stationLogPath(dataDir), 'utf8').split('\n').filter(Boolean) : [];
  const logProblems = logLines.filter((line) => !line.includes('"level":"info"'));
  log.close();
  rmSync(root, { recursive: true, force: true });

  // ——— report ———
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  const ms = (value: number) => (Number.isNaN(value) ? '–' : `${value.toFixed(value < 10 ? 2 : 0)} ms`);
  const loopMs = (p: Phase, q: number | 'max') => {
    const histogram = loops[p]!;
    return (q === 'max' ? histogram.max : histogram.percentile(q)) / 1e6;
  };
  const maxOf = (p: Phase, key: 'rss' | 'heap') => Math.max(...samples[p].map((sample) => sample[key]));
  const rows: [string, string, string, string][] = [
    ['', 'station idle', `${SESSIONS} sessions idle`, 'load'],
    ['RSS max', mb(maxOf('idle', 'rss')), mb(maxOf('baseline', 'rss')), mb(maxOf('load', 'rss'))],
    ['heap used max', mb(maxOf('idle', 'heap')), mb(maxOf('baseline', 'heap')), mb(maxOf('load', 'heap'))],
    ['event-loop delay p50', ms(loopMs('idle', 50)), ms(loopMs('baseline', 50)), ms(loopMs('load', 50))],
    ['event-loop delay p99', ms(loopMs('idle', 99)), ms(loopMs('baseline', 99)), ms(loopMs('load', 99))],
    ['event-loop delay max', ms(loopMs('idle', 'max')), ms(loopMs('baseline', 'max')), ms(loopMs('load', 'max'))],
    ['bridge round trip p50', '–', ms(percentile(report.latencies.baseline, 0.5)), ms(percentile(report.latencies.load, 0.5))],
    ['bridge round trip p95', '–', ms(percentile(report.latencies.baseline, 0.95)), ms(percentile(report.latencies.load, 0.95))],
    ['bridge calls', '–', String(report.latencies.baseline.length), String(report.latencies.load.length)],
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const eventsInLoad = report.eventsTotal.map((n, i) => n - (report.eventsBeforeLoad[i] ?? 0));
  const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

  console.log(
    `bench/load: ${ITEMS} background checks + ${images} face_liveness (${selfie ? 'selfie-good-a.jpg' : 'no JPEG fixture found'}), ${SESSIONS} Chromium sessions polling every ${POLL_MS} ms, sandbox: instant engine, 50 ms tasks; Node ${process.version}`,
  );
  for (const row of rows) console.log(`  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join('   ')}`);
  console.log(`  final (after the drain)   RSS ${mb(final.rss)}, heap used ${mb(final.heapUsed)}`);
  console.log(`  sessions opened           ${seconds(openMs)} for ${SESSIONS} pages`);
  console.log(
    `  enqueue                   ${submitted} of ${total} submitted, ${(submitted / (enqueueMs / 1000)).toFixed(1)} submissions/s (${seconds(enqueueMs)}), accept p50 ${ms(percentile(acceptMs, 0.5))}, p99 ${ms(percentile(acceptMs, 0.99))}, refused ${refused.length}`,
  );
  const done = counts.done ?? 0;
  const loadMs = drainedMs ?? DEADLINE_MS;
  console.log(
    `  drain                     ${(done / (loadMs / 1000)).toFixed(1)} verifications/s: ${done} done ${drainedMs === null ? `when the ${seconds(DEADLINE_MS)} deadline stopped the run` : `${seconds(drainedMs)} after the first submission`}`,
  );
  console.log(`  queue:changed per session ${Math.min(...eventsInLoad)}–${Math.max(...eventsInLoad)} during the load`);
  const work = [...bridgeWork].sort(([, a], [, b]) => b.ms - a.ms).map(([operation, { calls, ms: spent }]) => `${operation} ${calls}× ${(spent / calls).toFixed(1)} ms = ${seconds(spent)}`);
  console.log(`  bridge calls at station   ${work.join('; ')} (wall time in dispatch, overlapping)`);
  console.log(`  final states              ${JSON.stringify(counts)}; sandbox POSTs ${JSON.stringify(Object.fromEntries(Object.entries(posts).filter(([, n]) => n > 0)))}`);
  console.log(
    `  station log               ${logLines.length} lines, ${logProblems.length} warnings/errors (shutdown included)${logProblems.length > 0 ? `, first: ${logProblems[0]!.slice(0, 200)}` : ''}`,
  );
  console.log(
    `  session errors            ${report.errors.length}${report.errors.length > 0 ? `, first: ${report.errors[0]!.slice(0, 200)}` : ''}; browser console errors ${report.consoleErrors.length}${report.consoleErrors.length > 0 ? `, first: ${report.consoleErrors[0]!.slice(0, 200)}` : ''}`,
  );
  if (refused.length > 0) console.log(`  first refusal             ${refused[0]}`);

  const verdicts = [
    [`RSS < ${RSS_LIMIT_MB} MB`, maxOf('load', 'rss') < RSS_LIMIT_MB * 2 ** 20],
    [`event-loop p99 < ${LOOP_P99_LIMIT_MS} ms`, loopMs('load', 99) < LOOP_P99_LIMIT_MS],
    [`all ${total} done exactly once`, submitted === total && done === total && postsTotal === total && posts.background_check === ITEMS && posts.face_liveness === images],
    // Sent for sure: done or submitted; a "submitting" item may or may not have reached the sandbox yet.
    [`each one sent once (${postsTotal} POSTs)`, postsTotal >= done + (counts.submitted ?? 0) && postsTotal <= done + (counts.submitted ?? 0) + (counts.submitting ?? 0)],
    ['no session errored', report.errors.length === 0 && eventsInLoad.every((n) => n > 0)],
  ] as const;
  console.log(`verdicts: ${verdicts.map(([what, passed]) => `${what} ${passed ? 'PASS' : 'FAIL'}`).join('; ')}`);
  process.exitCode = verdicts.every(([, passed]) => passed) ? 0 : 1;
}

if (process.argv[2] === 'sessions') {
  await runSessions(Number(process.argv[3])).catch(async (error: unknown) => {
    process.exitCode = 1;
    await tellParent({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  });
  process.disconnect();
} else {
  await runStation();
}
