import type { Logger } from '../logger';
import type { ProgenyClient } from '../progeny/progeny-client';
import { isProgenyError } from '../progeny/progeny-error';
import type { QueueItem, QueueRepository } from './queue-repository';
import { retryDelayMs } from './queue-states';

export type DrainerPause = null | 'offline' | 'credentials';

export interface DrainerOptions {
  repo: QueueRepository;
  client: () => Promise<ProgenyClient>;
  /** Who holds the drain lease: unique per process (pid@host plus a random part). */
  holder: string;
  concurrency?: number;
  leaseTtlMs?: number;
  now?: () => number;
  random?: () => number;
  log: Logger;
  /** Only items queued in this mode are sent or polled (read at every pick, so a mode switch applies at once). */
  mode?: () => 'training' | 'live';
  /** Called after every committed change, so hosts can push queue events. */
  onChange?: () => void;
}

/**
 * Sends queued verifications and collects their results, at most `concurrency` at a time, and only
 * in the one process that holds the data folder's lease. Automatic failures are retried with
 * back-off; anything that may have reached Progeny without a task id waits for a person.
 */
export function createDrainer(options: DrainerOptions) {
  const { repo, log } = options;
  const now = options.now ?? Date.now;
  const concurrency = options.concurrency ?? 2;
  const leaseTtl = options.leaseTtlMs ?? 15_000;
  const inFlight = new Set<string>();
  let pause: DrainerPause = null;
  const changed = () => options.onChange?.();

  async function send(item: QueueItem, client: ProgenyClient): Promise<void> {
    const attempts = item.attempts + 1;
    // Written before the POST: if the station dies now, the item is found "submitting" and treated as uncertain.
    if (!repo.transition(item.id, item.state, 'submitting', { attempts, attempt: { action: 'submit', outcome: 'sending' } })) return;
    changed();
    const outcome = await client.submit(item.service, await repo.inputs(item.id));
    switch (outcome.kind) {
      case 'submitted':
        repo.transition(item.id, 'submitting', 'submitted', { taskId: outcome.taskId, submittedAt: now(), error: null, attempt: { action: 'submit', outcome: 'accepted' } });
        break;
      case 'failed': {
        const error = { kind: outcome.error.kind, message: outcome.error.message };
        if (outcome.error.kind === 'credentials-rejected') pause = 'credentials';
        else if (outcome.error.kind === 'offline' || outcome.error.kind === 'timeout') pause = 'offline';
        const wait = outcome.error.details.retryAfterMs ?? retryDelayMs(attempts, options.random);
        repo.transition(item.id, 'submitting', 'retry', { nextAttemptAt: now() + wait, error, attempt: { action: 'submit', outcome: `not sent: ${outcome.error.kind}` } });
        break;
      }
      case 'rejected':
        repo.transition(item.id, 'submitting', 'attention', { error: { kind: 'validation', message: outcome.error.message, reason: 'rejected', fields: outcome.fields }, attempt: { action: 'submit', outcome: 'rejected' } });
        break;
      case 'uncertain':
        repo.transition(item.id, 'submitting', 'attention', { error: { kind: outcome.error.kind, message: outcome.error.message, reason: 'uncertain' }, attempt: { action: 'submit', outcome: `uncertain: ${outcome.error.kind}` } });
        break;
    }
    changed();
  }

  async function collect(item: QueueItem, client: ProgenyClient): Promise<void> {
    const outcome = await client.poll(item.service, item.taskId!, item.submittedAt === null ? {} : { submittedAt: item.submittedAt });
    switch (outcome.kind) {
      case 'done':
        repo.transition(item.id, 'submitted', 'done', { result: outcome.result, finishedAt: now(), error: null, attempt: { action: 'poll', outcome: `${outcome.result.taskState} after ${outcome.polls} polls` } });
        break;
      case 'unknown-task':
        repo.transition(item.id, 'submitted', 'attention', { error: { kind: 'unknown-task', message: outcome.error.message, reason: 'unknown-task' }, attempt: { action: 'poll', outcome: 'unknown task' } });
        break;
      case 'waiting':
        repo.transition(item.id, 'submitted', 'attention', { error: { kind: 'deadline', message: 'Progeny has not finished this verification in time; it may still finish.', reason: 'deadline' }, attempt: { action: 'poll', outcome: 'deadline' } });
        break;
      case 'failed':
        // Credentials or session trouble: the task is safe on Progeny's side; poll again once fixed.
        if (outcome.error.kind === 'credentials-rejected') pause = 'credentials';
        log.warn('polling stopped', { item: item.id, kind: outcome.error.kind });
        return;
    }
    changed();
  }

  async function work(item: QueueItem): Promise<void> {
    inFlight.add(item.id);
    try {
      const client = await options.client();
      await (item.state === 'submitted' ? collect(item, client) : send(item, client));
    } catch (error) {
      // Reading the inputs or a bug: keep the item, say why, never lose it.
      log.error('queue item failed unexpectedly', { item: item.id, error: error instanceof Error ? error.message : String(error) });
      if (isProgenyError(error)) pause = error.kind === 'offline' ? 'offline' : pause;
    } finally {
      inFlight.delete(item.id);
    }
  }

  /**
   * Works through everything that is due now, `concurrency` at a time, until nothing is due (or
   * the queue is paused). Returns how many items were handled; 0 when another process holds the lease.
   */
  async function drainDue(): Promise<number> {
    if (!repo.acquireLease(options.holder, now(), leaseTtl)) return 0;
    let handled = 0;
    const workers = Array.from({ length: concurrency }, async () => {
      for (;;) {
        if (pause) return;
        if (!repo.acquireLease(options.holder, now(), leaseTtl)) return;
        const [item] = repo.due(now(), 1, inFlight, options.mode?.());
        if (!item) return;
        handled += 1;
        await work(item);
      }
    });
    await Promise.all(workers);
    return handled;
  }

  return {
    drainDue,
    get paused(): DrainerPause {
      return pause;
    },
    /** Connectivity is back, or new credentials were saved: let the queue move again. */
    resume() {
      pause = null;
    },
    /** At start-up, before draining: interrupted sends become uncertain. */
    recover: () => repo.recoverInterrupted(now()),
    release: () => repo.releaseLease(options.holder),
  };
}

export type Drainer = ReturnType<typeof createDrainer>;
