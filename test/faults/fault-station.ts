/**
 * The station's real queue, Progeny client and drainer on an encrypted store, pointed at a server
 * on loopback, with a clock the test can move: a wait the station was told to honour (Retry-After,
 * back-off) passes in an instant, yet nothing due later can be sent early.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openHistory } from '../../main/core/history/history';
import { silentLogger } from '../../main/core/logger';
import { createDurationHistory } from '../../main/core/progeny/poll-schedule';
import { createProgenyClient } from '../../main/core/progeny/progeny-client';
import { createProgenyHttp } from '../../main/core/progeny/progeny-http';
import { createTokenManager, fixedCredentials } from '../../main/core/progeny/token-manager';
import { createDrainer } from '../../main/core/queue/drainer';
import { leaseHolder, openSqliteQueue } from '../../main/core/queue/sqlite-queue';
import { passphraseWrapper } from '../../main/core/store/keyring';
import { openStore } from '../../main/core/store/open-store';
import { DEFAULT_TRAINING_USER } from '../../main/sandbox/sandbox-types';

/** scrypt cost low enough for tests; the station itself uses N = 2^17. */
export const testWrapper = () => passphraseWrapper('correct horse battery', { N: 2 ** 14, r: 8, p: 1 });

export interface FaultStationOptions {
  baseUrl: string;
  responseTimeoutMs?: number;
  pollDeadlineMs?: number;
  /**
   * For a server whose tasks take real time (the sandbox): the poller sleeps for real, and has
   * already learned that tasks take about this long. Without it, poll waits pass on the clock.
   */
  realTaskMs?: number;
}

/** Where a verification ended up: `done`, `retry` (an automatic retry is pending) or `attention:<reason>`. */
export type Place = string;

export interface ServerCounts {
  /** POST bodies the server read for this item. */
  seen(item: string): number;
  /** Tasks the server created for this item. */
  tasks(item: string): number;
}

/** A poller that has already seen three background checks take `ms`. */
function learnedDurations(ms: number) {
  const durations = createDurationHistory();
  for (let i = 0; i < 3; i += 1) durations.record('background_check', ms);
  return durations;
}

export function openFaultStation(options: FaultStationOptions) {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-fault-'));
  const store = openStore(dataDir, testWrapper());
  const queue = openSqliteQueue(store);
  const history = openHistory(store);
  let offset = 0;
  const now = () => Date.now() + offset;
  const http = createProgenyHttp({ baseUrl: options.baseUrl, connectTimeoutMs: 2_000, responseTimeoutMs: options.responseTimeoutMs ?? 5_000 });
  const tokens = createTokenManager({ http, credentials: fixedCredentials(DEFAULT_TRAINING_USER) });
  const pollDeadlineMs = options.pollDeadlineMs ?? 20_000;
  // Without real task times, the poller's waits pass on the station's clock: polling costs no real time.
  const onTheClock = (ms: number) => {
    offset += Math.max(0, ms);
    return new Promise<void>((resolve) => setImmediate(resolve));
  };
  const client =
    options.realTaskMs === undefined
      ? createProgenyClient({ http, tokens, now, sleep: onTheClock, pollDeadlineMs })
      : createProgenyClient({ http, tokens, now, history: learnedDurations(options.realTaskMs), pollDeadlineMs });
  const drainer = createDrainer({ repo: queue.repository, client: () => Promise.resolve(client), holder: leaseHolder(), log: silentLogger, now, concurrency: 2 });
  const names = new Map<string, string>();

  const station = {
    dataDir,
    store,
    queue,
    drainer,
    now,
    /** Moves the station's clock forward, as if that much time had passed. */
    advance(ms: number) {
      offset += ms;
    },
    /** Queues a background check whose fullname names it on the server side. */
    enqueueCheck(name: string): string {
      const id = queue.enqueue({ service: 'background_check', mode: 'training', operator: 'fault-suite', files: {}, fields: { fullname: name, birth_date: '1990-01-01' } });
      names.set(id, name);
      return id;
    },
    /** Queues a liveness check whose image file name names it on the server side. */
    enqueueImage(name: string, bytes: Uint8Array): string {
      const id = queue.enqueue({ service: 'face_liveness', mode: 'training', operator: 'fault-suite', files: { image: { bytes, filename: name, contentType: 'image/jpeg' } } });
      names.set(id, name);
      return id;
    },
    place(id: string): Place {
      const row = queue.get(id);
      if (!row) return 'missing';
      return row.state === 'attention' ? `attention:${row.attentionReason ?? '?'}` : row.state;
    },
    /**
     * Drains like the queue service: resumes after a pause (its probe would find the server again),
     * and when only back-off waits remain, moves the clock to the next one instead of sleeping.
     */
    async settle(maxRounds = 60): Promise<void> {
      for (let round = 0; round < maxRounds; round += 1) {
        if (drainer.paused) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          drainer.resume();
        }
        await drainer.drainDue();
        const counts = queue.counts();
        if (!counts.ready && !counts.submitted && !counts.retry) return;
        const next = queue.nextRetryAt();
        if (!counts.ready && !counts.submitted && next !== null && next > now()) offset += next - now();
      }
      throw new Error(`the queue did not settle: ${JSON.stringify(queue.counts())}`);
    },
    /** Ids grouped by where they ended up. */
    places(ids: string[]): Record<Place, string[]> {
      const grouped: Record<Place, string[]> = {};
      for (const id of ids) (grouped[station.place(id)] ??= []).push(id);
      return grouped;
    },
    /**
     * The suite's closing check: every id is in exactly one accounted place, no task was created
     * twice, a done item has exactly one task, and the server read a POST more than once only
     * after the station knew for certain that the earlier one had not been delivered.
     */
    expectAccountedFor(ids: string[], server: ServerCounts, allowed: Place[]): void {
      const report = ids.map((id) => {
        const name = names.get(id)!;
        const notSent = history.detail(id)?.attempts.filter((a) => a.outcome.startsWith('not sent')).length ?? 0;
        return { name, place: station.place(id), seen: server.seen(name), tasks: server.tasks(name), notSent };
      });
      expect(report.filter((r) => !allowed.includes(r.place))).toEqual([]);
      expect(report.filter((r) => r.tasks > 1 || (r.place === 'done' && r.tasks !== 1))).toEqual([]);
      expect(report.filter((r) => r.seen > 1 + r.notSent)).toEqual([]);
      expect(new Set(ids).size).toBe(ids.length);
      expect(store.audit.verify()).toMatchObject({ ok: true });
    },
    close: () => store.close(),
  };
  return station;
}

export type FaultStation = ReturnType<typeof openFaultStation>;
