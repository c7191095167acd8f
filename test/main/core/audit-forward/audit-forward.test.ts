import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAuditForwarder, type AuditForwarder } from '../../../../main/core/audit-forward/forwarder';
import { openAuditOutbox } from '../../../../main/core/audit-forward/outbox';
import { formatSyslog, frame, safeDetails } from '../../../../main/core/audit-forward/syslog-message';
import { silentLogger } from '../../../../main/core/logger';
import { openAuditLog } from '../../../../main/core/store/audit-log';
import { openDatabase, type StationDatabase } from '../../../../main/core/store/database';
import { randomCipher } from '../store/helpers';
import { findRsyslogd, freePort, Rsyslog } from './rsyslog';

const rsyslogd = findRsyslogd();
if ('reason' in rsyslogd) console.log(`skipped the rsyslog tests: ${rsyslogd.reason}`);
/** How long the collector stays down in the middle (the 20 s; at least 5 s). */
const GAP_MS = Math.max(5_000, Number(process.env.AUDIT_FORWARD_GAP_MS ?? 20_000));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SEQ = /\[audit@32473 seq="(\d+)"/;

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('the syslog message', () => {
  const entry = { seq: 7, at: Date.UTC(2026, 11, 2, 13, 0, 0), actor: 'desk "1"', action: 'override' as const, hash: 'ab'.repeat(32), prevHash: 'cd'.repeat(32) };

  it('is RFC 5424 with seq and chain hash as structured data, octet-counted', () => {
    const message = formatSyslog(
      { ...entry, details: { verification: '0b0e8f4e-3c1a-4c55-9d1e-3b9f0c2f7a11', service: 'kyc_passport', checks: ['blur', 'glare'] } },
      { hostname: 'desk-17', procId: 42 },
    );
    expect(message).toBe(
      '<110>1 2026-12-02T13:00:00.000Z desk-17 progeny-station 42 override ' +
        `[audit@32473 seq="7" hash="${'ab'.repeat(32)}" prev="${'cd'.repeat(32)}" actor="desk \\"1\\"" action="override"]` +
        '[details@32473 checks="blur,glare" service="kyc_passport" verification="0b0e8f4e-3c1a-4c55-9d1e-3b9f0c2f7a11"] -',
    );
    const framed = frame(message).toString('utf8');
    expect(framed).toBe(`${Buffer.byteLength(message)} ${message}`);
  });

  it('never carries a free-text reason, a name or an address (attacker: PII smuggled into details)', () => {
    const details = {
      reason: 'Jane Doe looked away',
      name: 'Jane',
      fullname: 'Jane Doe',
      serverTo: 'https://evil.example',
      verification: 'x y',
      verifications: ['1b0e8f4e-3c1a-4c55-9d1e-3b9f0c2f7a11', 'Jane Doe'],
      image: 'aGVsbG8=',
    };
    const message = formatSyslog({ ...entry, details }, { hostname: 'desk', procId: 1 });
    expect(message).not.toMatch(/Jane|evil|aGVsbG8|looked/);
    expect(safeDetails('override', details)).toEqual([['verificationsCount', '2']]);
    // The lock's reason is a closed-list word: that one goes.
    expect(safeDetails('lock', { reason: 'idle' })).toEqual([['reason', 'idle']]);
  });
});

describe.skipIf('reason' in rsyslogd)('forwarding to a real rsyslog', () => {
  it(
    `delivers 1,000 entries once each, in order, across a ${GAP_MS / 1000} s collector outage and a station restart`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'station-audit-forward-'));
      const port = await freePort();
      const collector = new Rsyslog((rsyslogd as { path: string }).path, dir, port);
      cleanup.push(() => collector.stop());
      await collector.start();

      const database: StationDatabase = openDatabase(join(dir, 'station.sqlite'), { cipher: randomCipher(), backups: false });
      cleanup.push(() => database.close());
      const audit = openAuditLog(database);
      const outbox = openAuditOutbox(database);
      const start = () => startAuditForwarder({ outbox, config: { host: '127.0.0.1', port }, log: silentLogger, retry: { initialMs: 200, maxMs: 1_000 }, confirmMs: 1_000, tickMs: 100 });
      let forwarder: AuditForwarder = start();
      cleanup.push(() => forwarder.close());
      const append = (i: number) => {
        audit.append({ actor: 'desk-1', action: i % 2 ? 'submit' : 'override', details: { verification: `v-${i}`, service: 'liveness', reason: `Customer Jane Doe ${i}` } });
        forwarder.wake();
      };

      // The first 400 while the collector is up.
      for (let i = 1; i <= 400; i++) {
        append(i);
        if (i % 20 === 0) await sleep(20);
      }
      await sleep(300);
      await collector.stop();
      // 600 more while it is down, spread over the gap, with the station restarted in the middle.
      const gapStart = Date.now();
      for (let i = 401; i <= 1_000; i++) {
        append(i);
        if (i === 700) {
          await forwarder.close();
          forwarder = start();
        }
        if (i % 20 === 0) await sleep(GAP_MS / 30);
      }
      await sleep(Math.max(0, GAP_MS - (Date.now() - gapStart)));
      expect(forwarder.state().outboxDepth).toBeGreaterThanOrEqual(600);
      await collector.start();

      // Delivery resumes by itself.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && (forwarder.state().outboxDepth > 0 || new Set(collector.lines().map((l) => SEQ.exec(l)?.[1])).size < 1_000)) await sleep(200);

      const lines = collector.lines();
      const seqs = lines.map((line) => Number(SEQ.exec(line)?.[1]));
      expect(seqs.every((seq) => Number.isInteger(seq))).toBe(true);
      const seen = new Set<number>();
      const firstArrivals = seqs.filter((seq) => (seen.has(seq) ? false : (seen.add(seq), true)));
      expect(firstArrivals).toHaveLength(1_000);
      expect(firstArrivals).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1));
      expect(forwarder.state()).toMatchObject({ outboxDepth: 0, deliveredSeq: 1_000, connected: true });
      expect(lines.join('\n')).not.toContain('Jane');
      console.log(`audit forwarding: ${lines.length} messages received for 1000 entries (${lines.length - 1_000} repeats dropped by seq)`);
    },
    GAP_MS + 90_000,
  );
});
