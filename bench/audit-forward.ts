/**
 * bench/audit-forward: what forwarding the audit log to a SIEM costs the station per audit entry.
 * Target: forwarding adds ≤ 2 ms per entry (median).
 *   npx tsx bench/audit-forward.ts       (BENCH_ENTRIES=5000 for a longer run)
 *
 * Same encrypted store, same entries, two runs:
 *  1. baseline: audit append alone;
 *  2. forwarding on: append, then the forwarder is woken (it reads the entry back from the outbox,
 *     opens its sealed details, formats RFC 5424 and writes it to the collector's TCP socket).
 * Each entry is timed from before its append to after the event loop has run once more (so the
 * forwarder's work for it, done on the same thread, is inside the time). The collector is a real
 * rsyslog on a loopback port when installed, else a local TCP sink (named in the output).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startAuditForwarder } from '../main/core/audit-forward/forwarder';
import { openAuditOutbox } from '../main/core/audit-forward/outbox';
import { silentLogger } from '../main/core/logger';
import { passphraseWrapper } from '../main/core/store/keyring';
import { openStore } from '../main/core/store/open-store';
import { findRsyslogd, freePort, Rsyslog } from '../test/main/core/audit-forward/rsyslog';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 2_000);
const yieldOnce = () => new Promise<void>((resolve) => setImmediate(resolve));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'station-bench-forward-'));
  const store = openStore(dir, passphraseWrapper('bench audit forward', { N: 2 ** 14, r: 8, p: 1 }), { backups: false });
  const details = (i: number) => ({ verification: `0b0e8f4e-3c1a-4c55-9d1e-${String(i).padStart(12, '0')}`, service: 'kyc_passport', mode: 'training' });

  const run = async (label: string, afterAppend: () => void) => {
    const times: number[] = [];
    const started = performance.now();
    for (let i = 0; i < ENTRIES; i++) {
      const t0 = performance.now();
      store.audit.append({ actor: 'bench-desk', action: 'submit', details: details(i) });
      afterAppend();
      await yieldOnce();
      times.push(performance.now() - t0);
    }
    const total = performance.now() - started;
    console.log(`${label.padEnd(24)} median ${median(times).toFixed(3)} ms/entry, mean ${(total / ENTRIES).toFixed(3)} ms/entry (${ENTRIES} entries)`);
    return { median: median(times), mean: total / ENTRIES };
  };

  // Warm-up: statements prepared, JIT warm.
  for (let i = 0; i < 200; i++) store.audit.append({ actor: 'bench-desk', action: 'submit', details: details(i) });
  const baseline = await run('append alone', () => undefined);

  const port = await freePort();
  const rsyslogd = findRsyslogd();
  let collectorName: string;
  let stop: () => Promise<void>;
  if ('path' in rsyslogd) {
    const collector = new Rsyslog(rsyslogd.path, dir, port);
    await collector.start();
    collectorName = `rsyslog (${rsyslogd.path}) on 127.0.0.1:${port}`;
    stop = () => collector.stop();
  } else {
    const sink: Server = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => sink.listen(port, '127.0.0.1', resolve));
    collectorName = `a TCP sink on 127.0.0.1:${port} (${rsyslogd.reason})`;
    stop = () => new Promise((resolve) => sink.close(() => resolve()));
  }
  const outbox = openAuditOutbox(store.database);
  // Start from the current end: the bench times new entries, not the backlog of the baseline run.
  outbox.markDelivered(outbox.delivered() + outbox.depth());
  const forwarder = startAuditForwarder({ outbox, config: { host: '127.0.0.1', port }, log: silentLogger, confirmMs: 500 });
  // Connected before timing starts.
  store.audit.append({ actor: 'bench-desk', action: 'submit', details: details(-1) });
  forwarder.wake();
  for (let i = 0; i < 100 && !forwarder.state().connected; i++) await new Promise((r) => setTimeout(r, 50));
  const forwarding = await run('append + forwarding', () => forwarder.wake());
  for (let i = 0; i < 100 && forwarder.state().outboxDepth > 0; i++) await new Promise((r) => setTimeout(r, 50));
  const left = forwarder.state().outboxDepth;
  await forwarder.close();
  await stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });

  const added = forwarding.median - baseline.median;
  console.log(`collector: ${collectorName}; ${left === 0 ? 'every entry confirmed delivered' : `${left} entries not yet confirmed`}`);
  console.log(
    `forwarding adds ${added.toFixed(3)} ms per entry (median; mean ${(forwarding.mean - baseline.mean).toFixed(3)} ms), ratio ${(forwarding.median / baseline.median).toFixed(2)}x; target ≤ 2 ms: ${added <= 2 ? 'met' : 'NOT met'}`,
  );
}

void main();
