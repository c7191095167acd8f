/**
 * bench/history: the history at 100,000 records. Targets: open ≤ 1 s, search p95 ≤ 50 ms,
 * RSS ≤ 300 MB.
 *   npx tsx bench/history.ts            (BENCH_RECORDS=20000 for a quicker run)
 *
 * 1. Generate (this process): every record goes through the queue's own code (enqueue, then the
 *    drainer's transitions ready → submitting → submitted → done with a sealed result), so sealing,
 *    the blind index, attempts and the audit chain are exactly what the station writes. Records
 *    are batched 2,000 to a transaction (the queue's transactions nest as savepoints), otherwise
 *    100,000 fsynced commits would take most of an hour. Images: 1 record in 100 has one 2 KB
 *    image (sealed file + row); images are files outside the database, so they change neither
 *    open nor search time, and 100,000 fsynced files would only measure the disk.
 * 2. Measure (a fresh child process, so nothing is warm in memory; the OS page cache is, as on a
 *    station that ran recently): store open (key unlock + database open), history search p95
 *    over 480 varied queries, RSS. The first start of a day also takes the daily backup; that open
 *    is timed separately.
 * 3. Baseline, same child, same queries: the same history without encryption, an in-memory SQLite
 *    with plaintext names and a plaintext word index. The ratio is the price of the blind index
 *    and of decrypting each page of results.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { ServiceId } from '../common/services/catalog';
import type { NormalisedResult } from '../common/services/result-model';
import { openHistory } from '../main/core/history/history';
import type { HistoryQuery, Outcome } from '../main/core/history/history-types';
import { searchWords } from '../main/core/history/text-search';
import { openSqliteQueue } from '../main/core/queue/sqlite-queue';
import { normaliseWords } from '../main/core/store/blind-index';
import { openDataKey, passphraseWrapper } from '../main/core/store/keyring';
import { openStore } from '../main/core/store/open-store';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const QUERIES_PER_KIND = 80;
const WARM_UP = 20;
const BATCH = 2_000;
const PASSPHRASE = 'bench history passphrase';
// Two years of history, oldest first.
const START = Date.UTC(2024, 0, 1);
const SPAN = 730 * 86_400_000;
const STEP = Math.floor(SPAN / RECORDS);

// ——— deterministic synthetic customers (both processes rebuild the same ones from the index) ———

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const FIRST = [
  'Anna',
  'Max',
  'Erika',
  'Jonas',
  'Lea',
  'Paul',
  'Mia',
  'Felix',
  'Emma',
  'Noah',
  'Sofia',
  'Elias',
  'Hannah',
  'Luca',
  'Marie',
  'Ben',
  'Lena',
  'Finn',
  'Clara',
  'Leon',
  'José',
  'Zoë',
  'Ahmet',
  'Fatma',
  'Wei',
  'Mei',
  'Olga',
  'Ivan',
  'Aisha',
  'Omar',
];
const SYLLABLES = [
  'mus',
  'ter',
  'mann',
  'schmi',
  'dt',
  'mül',
  'ler',
  'wag',
  'ner',
  'beck',
  'hof',
  'berg',
  'kra',
  'mer',
  'lin',
  'den',
  'wald',
  'stein',
  'bau',
  'er',
  'rich',
  'ter',
  'kel',
  'lor',
  'son',
  'ova',
  'ski',
  'gar',
  'cia',
  'ro',
  'dri',
  'guez',
];
const SERVICES: ReadonlyArray<[ServiceId, number]> = [
  ['kyc_passport', 0.3],
  ['kyc_card', 0.25],
  ['ocr_passport', 0.1],
  ['ocr_card', 0.1],
  ['background_check', 0.15],
  ['face_liveness', 0.1],
];

interface Synthetic {
  at: number;
  service: ServiceId;
  mode: 'training' | 'live';
  verdict: Outcome;
  firstName: string;
  lastName: string;
  documentNumber: string;
  dateOfBirth: string;
  withImage: boolean;
}

function synthetic(i: number): Synthetic {
  const random = prng(i * 7919 + 17);
  const roll = random();
  let sum = 0;
  const service = SERVICES.find(([, share]) => (sum += share) > roll)?.[0] ?? 'kyc_passport';
  const syllables = 2 + Math.floor(random() * 2);
  const last = Array.from({ length: syllables }, () => pick(random, SYLLABLES)).join('');
  const year = 1940 + Math.floor(random() * 65);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const verdictRoll = random();
  return {
    at: START + i * STEP,
    service,
    mode: random() < 0.1 ? 'training' : 'live',
    verdict: verdictRoll < 0.8 ? 'verified' : verdictRoll < 0.95 ? 'not-verified' : 'needs-review',
    firstName: pick(random, FIRST),
    lastName: last[0]!.toUpperCase() + last.slice(1),
    documentNumber: `${String.fromCharCode(65 + Math.floor(random() * 26))}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
    dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    withImage: i % 100 === 0,
  };
}

const hasDocument = (s: ServiceId) => s !== 'background_check' && s !== 'face_liveness';

function resultOf(p: Synthetic): NormalisedResult {
  const passed = p.verdict === 'verified';
  const document = hasDocument(p.service)
    ? {
        valid: passed,
        expired: false,
        portraitUrl: null,
        fields: {
          firstName: p.firstName,
          lastName: p.lastName,
          documentNumber: p.documentNumber,
          nationality: 'DEU',
          sex: 'F',
          dateOfBirth: p.dateOfBirth,
          dateOfIssue: '2020-01-01',
          dateOfExpiry: '2030-01-01',
          age: 40,
        },
      }
    : null;
  return {
    service: p.service,
    taskState: 'SUCCESS',
    resultStatus: 200,
    verdict: p.verdict,
    checks: p.service === 'background_check' ? { background_check: passed } : { liveness: passed, ...(document ? { document: passed, compare: passed } : {}) },
    liveness: p.service === 'background_check' ? null : { passed, score: 0.91, quality: 0.77, probability: 0.95 },
    authentication: null,
    registration: null,
    document,
    compare: document ? passed : null,
    backgroundCheck: p.service === 'background_check' ? { potentialMatch: !passed, riskLevel: 'low', totalMatches: 0, hits: [] } : null,
    issues: passed ? [] : [{ check: 'liveness', code: 'FACE_TOO_SMALL', message: 'Face too small', guidance: 'Move closer.' }],
    unrecognised: false,
    raw: {
      id: 'task',
      status: 'SUCCESS',
      result: {
        status: 200,
        data: document ? { document: { ...document.fields, is_valid: passed }, liveness: { result: passed, data: { score: 0.91 } } } : { background_check: { potential_match: !passed } },
      },
    },
  };
}

// ——— 1. generate ———

function generate(dataDir: string): void {
  const started = performance.now();
  const store = openStore(dataDir, passphraseWrapper(PASSPHRASE));
  const { db } = store.database;
  db.pragma('cache_size = -131072'); // this writer only: random token inserts into a big index
  let clock = START;
  const queue = openSqliteQueue(store, () => clock);
  const image = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2044, 7)]);
  const writeOne = (i: number) => {
    const p = synthetic(i);
    clock = p.at;
    const id = queue.enqueue({
      service: p.service,
      mode: p.mode,
      operator: `desk-${i % 4}`,
      files: p.withImage ? { image: { bytes: image, filename: 'selfie.jpg', contentType: 'image/jpeg' } } : {},
      fields: p.service === 'background_check' ? { fullname: `${p.firstName} ${p.lastName}`, birth_date: p.dateOfBirth } : {},
    });
    const step = (from: 'ready' | 'submitting' | 'submitted', to: 'submitting' | 'submitted' | 'done', patch: Omit<Parameters<typeof queue.repository.transition>[3], 'attempt'>, outcome: string) => {
      clock += 1_000;
      if (!queue.repository.transition(id, from, to, { ...patch, attempt: { action: from === 'submitted' ? 'poll' : 'submit', outcome } })) throw new Error(`bench: ${from} → ${to} refused`);
    };
    step('ready', 'submitting', { attempts: 1 }, 'sending');
    step('submitting', 'submitted', { taskId: `task-${i}`, submittedAt: clock }, 'accepted');
    step('submitted', 'done', { result: resultOf(p), finishedAt: clock + 1_000, error: null }, 'SUCCESS after 2 polls');
  };
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) writeOne(i);
  });
  for (let from = 0; from < RECORDS; from += BATCH) {
    batch.immediate(from, Math.min(RECORDS, from + BATCH));
    if (from % 20_000 === 0 && from > 0) console.error(`  ${from.toLocaleString('en')} records…`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  console.log(
    `generated ${RECORDS.toLocaleString('en')} records in ${((performance.now() - started) / 1000).toFixed(1)} s; database ${mb(statSync(join(dataDir, 'station.sqlite')).size)}, ${countFiles(join(dataDir, 'blobs'))} image files`,
  );
}

// ——— 2. + 3. measure (child process) ———

type Kind = 'name prefix' | 'full name' | 'document number' | 'date range + service' | 'text + date range' | 'filters, no date';
interface BenchQuery {
  kind: Kind;
  query: HistoryQuery;
}

function queries(): BenchQuery[] {
  const random = prng(424242);
  const someone = () => {
    for (;;) {
      const p = synthetic(Math.floor(random() * RECORDS));
      if (p.service !== 'face_liveness') return p;
    }
  };
  const withDocument = () => {
    for (;;) {
      const p = someone();
      if (hasDocument(p.service)) return p;
    }
  };
  const window = (days: number) => {
    const from = START + Math.floor(random() * (SPAN - days * 86_400_000));
    return { from, to: from + days * 86_400_000 };
  };
  const services = () => [...new Set([pick(random, SERVICES)[0], ...(random() < 0.5 ? [pick(random, SERVICES)[0]] : [])])];
  const list: BenchQuery[] = [];
  for (let n = 0; n < QUERIES_PER_KIND; n++) {
    const p = someone();
    list.push({ kind: 'name prefix', query: { text: p.lastName.slice(0, 3 + Math.floor(random() * 4)) } });
    list.push({ kind: 'full name', query: { text: `${someone().firstName} ${someone().lastName}` } });
    list.push({ kind: 'document number', query: { text: withDocument().documentNumber } });
    list.push({ kind: 'date range + service', query: { ...window(30), services: services(), ...(random() < 0.3 ? { outcomes: ['not-verified' as const] } : {}) } });
    list.push({ kind: 'text + date range', query: { text: someone().lastName.slice(0, 4), ...window(180) } });
    // The list as it opens, with one filter chip: newest first over all two years.
    const filters: HistoryQuery[] = [{ services: services() }, { outcomes: ['needs-review'] }, { mode: 'training' }, {}];
    list.push({ kind: 'filters, no date', query: { ...filters[n % filters.length]!, offset: n % 3 === 0 ? 100 : 0 } });
  }
  return list;
}

/** The unencrypted equivalent: plaintext columns and a plaintext word index, in memory. */
function plaintextBaseline(): (query: HistoryQuery) => unknown[] {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE v (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, finished_at INTEGER, service TEXT, mode TEXT, state TEXT, verdict TEXT, operator TEXT, name TEXT, document_number TEXT, date_of_birth TEXT);
           CREATE INDEX v_created ON v (created_at); CREATE INDEX v_service ON v (service); CREATE INDEX v_verdict ON v (verdict); CREATE INDEX v_mode ON v (mode);
           CREATE TABLE w (word TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (word, id)) WITHOUT ROWID;`);
  const insert = db.prepare('INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertWord = db.prepare('INSERT OR IGNORE INTO w VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < RECORDS; i++) {
      const p = synthetic(i);
      const id = `v${i}`;
      const named = p.service !== 'face_liveness';
      insert.run(
        id,
        p.at,
        p.at + 4_000,
        p.service,
        p.mode,
        'done',
        p.verdict,
        'desk',
        named ? `${p.firstName} ${p.lastName}` : null,
        hasDocument(p.service) ? p.documentNumber : null,
        named ? p.dateOfBirth : null,
      );
      if (named) for (const word of normaliseWords(`${p.firstName} ${p.lastName} ${hasDocument(p.service) ? p.documentNumber : ''} ${p.dateOfBirth}`)) insertWord.run(word, id);
    }
  })();
  return (query) => {
    const where: string[] = ["state <> 'draft'"];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    for (const word of query.text ? searchWords(query.text) : []) add('id IN (SELECT id FROM w WHERE word >= ? AND word < ?)', word, `${word}\u{10ffff}`);
    // Same planner hints as history.ts, so both sides run the same plan.
    if (query.mode) add('+mode = ?', query.mode);
    if (query.from !== undefined) add('created_at >= ?', query.from);
    if (query.to !== undefined) add('created_at < ?', query.to);
    if (query.services?.length) add(`+service IN (${query.services.map(() => '?').join(', ')})`, ...query.services);
    if (query.outcomes?.length) add(`+verdict IN (${query.outcomes.map(() => '?').join(', ')})`, ...query.outcomes);
    return db.prepare(`SELECT * FROM v WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET ?`).all(...params, query.offset ?? 0);
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
function countFiles(dir: string): number {
  return readdirSync(dir).reduce((n, name) => n + (statSync(join(dir, name)).isDirectory() ? countFiles(join(dir, name)) : 1), 0);
}

function timeQueries(run: (query: HistoryQuery) => unknown[], list: readonly BenchQuery[]) {
  for (const { query } of list.slice(0, WARM_UP)) run(query);
  const byKind = new Map<Kind, number[]>();
  const all: number[] = [];
  let rows = 0;
  for (const { kind, query } of list) {
    const t = performance.now();
    rows += run(query).length;
    const elapsed = performance.now() - t;
    all.push(elapsed);
    byKind.set(kind, [...(byKind.get(kind) ?? []), elapsed]);
  }
  return { all, byKind, rows };
}

async function measure(dataDir: string): Promise<void> {
  const wrapper = passphraseWrapper(PASSPHRASE);
  const t0 = performance.now();
  const store = openStore(dataDir, wrapper);
  const history = openHistory(store);
  const openMs = performance.now() - t0;
  const rssAfterOpen = process.memoryUsage().rss;

  const list = queries();
  const ours = timeQueries((q) => history.search(q), list);
  const rssAfterSearch = process.memoryUsage().rss;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const detailStart = performance.now();
  const sample = history.search({ limit: 50 });
  for (const row of sample) history.detail(row.id);
  const detailMs = (performance.now() - detailStart) / Math.max(1, sample.length);
  // The audit chain and every row's MAC, checked after the open in slices (the station works meanwhile).
  const i0 = performance.now();
  const integrity = await store.checkIntegrity();
  const integrityMs = performance.now() - i0;
  store.close();

  // Breakdown of the open: the passphrase's key derivation (scrypt) is a fixed cost of the keyring.
  const k0 = performance.now();
  openDataKey(dataDir, wrapper).key.fill(0);
  const unlockMs = performance.now() - k0;
  // The first start of a day also copies the database (the daily backup, database.ts).
  const tomorrow = Date.now() + 86_400_000;
  const b0 = performance.now();
  openStore(dataDir, wrapper, { now: () => tomorrow }).close();
  const firstOfDayMs = performance.now() - b0;

  const baseline = timeQueries(plaintextBaseline(), list);

  const p95 = percentile(ours.all, 95);
  const baseP95 = percentile(baseline.all, 95);
  const lines = [
    `history bench: ${RECORDS.toLocaleString('en')} records, ${list.length} queries (${QUERIES_PER_KIND} per kind, after ${WARM_UP} warm-up), Node ${process.version}, ${process.platform}`,
    `open (key unlock + database + history)  ${ms(openMs)}   target ≤ 1000 ms  ${openMs <= 1000 ? 'OK' : 'MISSED'}`,
    `  of which key unlock (scrypt N=2^17)   ${ms(unlockMs)}`,
    `  first start of a day (daily backup)   ${ms(firstOfDayMs)}   (not part of the target; see report)`,
    `search p95                              ${ms(p95)}   target ≤ 50 ms  ${p95 <= 50 ? 'OK' : 'MISSED'}   (p50 ${ms(percentile(ours.all, 50))}, max ${ms(Math.max(...ours.all))})`,
    ...[...ours.byKind].map(
      ([kind, values]) =>
        `  ${kind.padEnd(22)} p50 ${ms(percentile(values, 50)).padStart(9)}  p95 ${ms(percentile(values, 95)).padStart(9)}   plaintext p95 ${ms(percentile(baseline.byKind.get(kind)!, 95)).padStart(8)}`,
    ),
    `plaintext baseline p95                  ${ms(baseP95)}   ratio encrypted / plaintext = ${(p95 / baseP95).toFixed(1)}×   (rows returned ${ours.rows} vs ${baseline.rows})`,
    `detail() per record                     ${ms(detailMs)}`,
    `integrity check after open, in slices   ${ms(integrityMs)}   (audit ${integrity.audit.ok ? `${integrity.audit.entries} entries ok` : 'BROKEN'}, ${integrity.tamperedRecords} altered rows; not part of the open)`,
    `RSS after open ${mb(rssAfterOpen)}, after searches ${mb(rssAfterSearch)}, peak ${mb(peakRss)} (peak includes scrypt's 128 MB)   target ≤ 300 MB  ${rssAfterSearch <= 300 * 1024 * 1024 ? 'OK' : 'MISSED'}`,
  ];
  console.log(lines.join('\n'));
}

// ——— entry ———

const [, , role, dir] = process.argv;
if (role === 'measure' && dir) {
  await measure(dir);
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-history-'));
  try {
    generate(dataDir);
    // A fresh process, through the same loader (tsx) this one was started with.
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), 'measure', dataDir], { stdio: 'inherit', env: { ...process.env, BENCH_RECORDS: String(RECORDS) } });
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
