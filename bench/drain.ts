/**
 * bench/drain: 1,000 queued verifications against the sandbox with zero task latency (and an
 * instant stand-in engine), to show the station's own cost per item: enqueue (encrypt, write),
 * drain (write-ahead transitions, lease, attempt history, sealing results). Baseline in the same
 * run: the same 1,000 submit+poll calls made directly with the client, no queue.
 *   npx tsx bench/drain.ts
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../main/core/logger';
import { createDurationHistory } from '../main/core/progeny/poll-schedule';
import { createProgenyClient } from '../main/core/progeny/progeny-client';
import { createProgenyHttp } from '../main/core/progeny/progeny-http';
import { createTokenManager, fixedCredentials } from '../main/core/progeny/token-manager';
import { createDrainer } from '../main/core/queue/drainer';
import { leaseHolder, openSqliteQueue } from '../main/core/queue/sqlite-queue';
import { passphraseWrapper } from '../main/core/store/keyring';
import { openStore } from '../main/core/store/open-store';
import { startSandbox } from '../main/sandbox/sandbox-server';
import { DEFAULT_TRAINING_USER } from '../main/sandbox/sandbox-types';
import { instantEngine } from '../test/support/instant-engine';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const sandbox = await startSandbox({ dataDir: mkdtempSync(join(tmpdir(), 'bench-drain-sbx-')), analysis: instantEngine, taskDurationMs: 0, maxQueuedTasks: 10_000 });
/** Both paths poll alike: a history that already knows these tasks finish at once. */
const newClient = () => {
  const http = createProgenyHttp({ baseUrl: sandbox.baseUrl });
  const history = createDurationHistory();
  for (let i = 0; i < 10; i += 1) history.record('background_check', 0);
  return createProgenyClient({ http, history, tokens: createTokenManager({ http, credentials: fixedCredentials(DEFAULT_TRAINING_USER) }) });
};
const fields = (i: number) => ({ fullname: `Drain Person${i}`, birth_date: '1990-01-01' });

// Baseline: the client alone, same concurrency.
const direct = newClient();
let next = 0;
const baselineStart = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < ITEMS) {
      const i = next++;
      const submitted = await direct.submit('background_check', { files: {}, fields: fields(i) });
      if (submitted.kind !== 'submitted') throw new Error(submitted.kind);
      await direct.poll('background_check', submitted.taskId);
    }
  }),
);
const baselineMs = performance.now() - baselineStart;

// The station: enqueue into the encrypted store, then drain.
const store = openStore(mkdtempSync(join(tmpdir(), 'bench-drain-')), passphraseWrapper('bench passphrase', { N: 2 ** 14, r: 8, p: 1 }));
const queue = openSqliteQueue(store);
const enqueueStart = performance.now();
for (let i = 0; i < ITEMS; i += 1) queue.enqueue({ service: 'background_check', mode: 'training', operator: 'bench', files: {}, fields: fields(i) });
const enqueueMs = performance.now() - enqueueStart;
const client = newClient();
// Time spent inside the queue's storage calls is the station's own overhead, measured exactly.
let storageMs = 0;
const timed =
  <A extends unknown[], R>(fn: (...args: A) => R) =>
  (...args: A): R => {
    const started = performance.now();
    try {
      return fn(...args);
    } finally {
      storageMs += performance.now() - started;
    }
  };
const repo = queue.repository;
const timedRepo: typeof repo = {
  ...repo,
  due: timed((at: number, limit: number, excluding: ReadonlySet<string>) => repo.due(at, limit, excluding)),
  inputs: timed((id: string) => repo.inputs(id)),
  transition: timed((...args: Parameters<typeof repo.transition>) => repo.transition(...args)),
  acquireLease: timed((holder: string, at: number, ttl: number) => repo.acquireLease(holder, at, ttl)),
};
const drainer = createDrainer({ repo: timedRepo, client: () => Promise.resolve(client), holder: leaseHolder(), concurrency: CONCURRENCY, log: silentLogger });
const drainStart = performance.now();
await drainer.drainDue();
const drainMs = performance.now() - drainStart;
const counts = queue.counts();
store.close();
await sandbox.close();

console.log(`bench/drain: ${ITEMS} verifications, concurrency ${CONCURRENCY}, sandbox with zero task latency, Node ${process.version}`);
console.log(`  baseline (client only, no queue)   ${(baselineMs / ITEMS).toFixed(2)} ms/item   (${(baselineMs / 1000).toFixed(1)} s)`);
console.log(`  station drain                      ${(drainMs / ITEMS).toFixed(2)} ms/item   (${(drainMs / 1000).toFixed(1)} s), ratio ${(drainMs / baselineMs).toFixed(2)}x`);
console.log(`  station overhead per item          ${(storageMs / ITEMS).toFixed(2)} ms in the queue's storage (write-ahead transitions, lease, attempts, sealed results)`);
console.log(`  enqueue (seal + write)             ${(enqueueMs / ITEMS).toFixed(2)} ms/item`);
console.log(`  final states: ${JSON.stringify(counts)}`);
