import type { QueueRow } from '../../../common/contract';
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
  list(): QueueRow[];
  /** Something new is due (a submit, a resolve): drain now instead of at the next tick. */
  wake(): void;
  close(): void;
}

const OPEN_STATES = ['draft', 'ready', 'retry', 'submitting', 'submitted', 'attention'] as const;

/**
 * The station's queue at run time: drains in the background, probes the server while offline and
 * resumes by itself when it answers again, so queued work goes out without operator action.
 */
export function startQueueService(options: { store: Store; progeny: ProgenyService; log: Logger; onChange: (counts: Record<string, number>) => void; intervalMs?: number }): QueueService {
  const queue = openSqliteQueue(options.store);
  const drainer = createDrainer({ repo: queue.repository, client: () => options.progeny.client(), mode: () => options.progeny.mode, holder: leaseHolder(), log: options.log, onChange: () => options.onChange(queue.counts()) });
  const recovered = drainer.recover();
  if (recovered > 0) options.log.warn('interrupted sends need attention', { count: recovered });
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (drainer.paused === 'offline' && (await options.progeny.probe()) === 'online') drainer.resume();
      const next = queue.nextRetryAt();
      if (drainer.paused === 'offline' && next !== null && next <= Date.now()) drainer.resume();
      await drainer.drainDue();
    } catch (error) {
      options.log.error('queue drain failed', { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 2_000);
  timer.unref();
  void tick();
  return {
    queue,
    drainer,
    pendingCount: () => queue.list({ states: OPEN_STATES }).length,
    list: () => queue.list({ states: OPEN_STATES }),
    wake: () => void tick(),
    close() {
      clearInterval(timer);
      drainer.release();
    },
  };
}
