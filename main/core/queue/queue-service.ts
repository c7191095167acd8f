import type { QueueRow } from '../../../common/contract';
import { OPEN_STATES } from '../../../common/vocabulary';
import type { Logger } from '../logger';
import type { ProgenyService } from '../progeny/progeny-service';
import type { Store } from '../store/open-store';
import { createDrainer, type Drainer } from './drainer';
import { leaseHolder, openSqliteQueue, type SqliteQueue } from './sqlite-queue';

export interface QueueService {
  readonly queue: SqliteQueue;
  readonly drainer: Drainer;
  /** Items not yet final (waiting, sending, collecting or needing a person). */
  pendingCount(): number;
  /** The items not yet final, oldest first, at most QUEUE_LIST_LIMIT of them. */
  list(): QueueRow[];
  /** Something new is due (a submit, a resolve): drain now instead of at the next tick. */
  wake(): void;
  /** Stops draining: sends in flight get a few seconds to record Progeny's answer, polls stop at once. */
  close(): Promise<void>;
}

/** Rows `queue:list` returns at most (the oldest open ones); `pendingCount` counts them all. */
export const QUEUE_LIST_LIMIT = 500;

/**
 * The station's queue at run time: drains in the background, probes the server while offline and
 * resumes by itself when it answers again, so queued work goes out without operator action.
 */
export function startQueueService(options: {
  store: Store;
  progeny: ProgenyService;
  log: Logger;
  onChange: (counts: Record<string, number>) => void;
  onUploadProgress?: (id: string, sent: number, total: number | null) => void;
  intervalMs?: number;
  /** Verifications in flight at once (the drainer's default when absent). */
  concurrency?: number;
}): QueueService {
  const queue = openSqliteQueue(options.store);
  const drainer = createDrainer({
    repo: queue.repository,
    client: () => options.progeny.client(),
    mode: () => options.progeny.mode,
    holder: leaseHolder(),
    log: options.log,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    onChange: () => options.onChange(queue.counts()),
    ...(options.onUploadProgress ? { onUploadProgress: options.onUploadProgress } : {}),
  });
  const recovered = drainer.recover();
  if (recovered > 0) options.log.warn('interrupted sends need attention', { count: recovered });
  let probing = false;
  let closing = false;
  /** While offline, asks (one probe at a time) whether the server is back, and lets the queue move when it is. */
  const resumeIfReachable = async () => {
    if (drainer.paused !== 'offline' || probing) return;
    probing = true;
    try {
      if ((await options.progeny.probe()) === 'online') drainer.resume();
      const next = queue.nextRetryAt();
      if (drainer.paused === 'offline' && next !== null && next <= Date.now()) drainer.resume();
    } finally {
      probing = false;
    }
  };
  // Ticks may overlap on purpose: a worker polling a slow task must not hold back new work. The
  // drainer caps its workers at its concurrency and never lets two of them take the same item.
  const tick = async () => {
    if (closing) return;
    try {
      await resumeIfReachable();
      await drainer.drainDue();
    } catch (error) {
      options.log.error('queue drain failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 2_000);
  timer.unref();
  void tick();
  const pendingCount = () => {
    const counts = queue.counts();
    return OPEN_STATES.reduce((sum, state) => sum + (counts[state] ?? 0), 0);
  };
  return {
    queue,
    drainer,
    pendingCount,
    // Oldest first, as a queue is worked through (the oldest are the ones most likely to need a
    // person), and bounded: every open page reads this list on each queue event, and the status
    // bar carries the full count (pendingCount).
    list: () => queue.list({ states: OPEN_STATES, limit: QUEUE_LIST_LIMIT, oldestFirst: true, withCustomer: true }),
    wake: () => void tick(),
    async close() {
      closing = true;
      clearInterval(timer);
      await drainer.stop();
      drainer.release();
    },
  };
}
