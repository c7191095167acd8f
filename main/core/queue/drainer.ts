import type { Logger } from '../logger';
import type { Mode } from '../../../common/vocabulary';
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
  mode?: () => Mode;
  /** Bytes of an item's upload sent so far (total null when unknown), for the operator's progress bar. */
  onUploadProgress?: (id: string, sent: number, total: number | null) => void;
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
  /** Workers running now, whichever drainDue started them. */
  const workers = new Set<Promise<void>>();
  let pause: DrainerPause = null;
  let stopping = false;
  // Closing aborts polls at once (the task id is stored; the next start polls again), and sends
  // only if they outlast the grace period: their answer is the only record of a task they create.
  const pollsStopped = new AbortController();
  const sendsStopped = new AbortController();
  const changed = () => options.onChange?.();

  async function send(item: QueueItem, client: ProgenyClient): Promise<void> {
    const attempts = item.attempts + 1;
    // Written before the POST: if the station dies now, the item is found "submitting" and treated as uncertain.
    if (!repo.transition(item.id, item.state, 'submitting', { attempts, attempt: { action: 'submit', outcome: 'sending' } })) return;
    changed();
    const onUploadProgress = options.onUploadProgress ? (sent: number, total: number | undefined) => options.onUploadProgress?.(item.id, sent, total ?? null) : undefined;
    const outcome = await client.submit(item.service, await repo.inputs(item.id), { signal: sendsStopped.signal, ...(onUploadProgress ? { onUploadProgress } : {}) });
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
        repo.transition(item.id, 'submitting', 'attention', {
          error: { kind: 'validation', message: outcome.error.message, reason: 'rejected', fields: outcome.fields },
          attempt: { action: 'submit', outcome: 'rejected' },
        });
        break;
      case 'refused': {
        // Refused outright: no task exists, so the person looks at the account or the request, not for a task.
        const credentials = outcome.error.kind === 'auth';
        if (credentials) pause = 'credentials';
        const status = outcome.error.details.status ?? '?';
        repo.transition(item.id, 'submitting', 'attention', {
          error: { kind: outcome.error.kind, message: outcome.error.message, reason: credentials ? 'credentials' : 'failed' },
          attempt: { action: 'submit', outcome: `refused: HTTP ${status}` },
        });
        break;
      }
      case 'uncertain':
        repo.transition(item.id, 'submitting', 'attention', {
          error: { kind: outcome.error.kind, message: outcome.error.message, reason: 'uncertain' },
          attempt: { action: 'submit', outcome: `uncertain: ${outcome.error.kind}` },
        });
        break;
    }
    changed();
  }

  async function collect(item: QueueItem, client: ProgenyClient): Promise<void> {
    const outcome = await client.poll(item.service, item.taskId!, { signal: pollsStopped.signal, ...(item.submittedAt === null ? {} : { submittedAt: item.submittedAt }) });
    switch (outcome.kind) {
      case 'done':
        repo.transition(item.id, 'submitted', 'done', {
          result: outcome.result,
          finishedAt: now(),
          error: null,
          attempt: { action: 'poll', outcome: `${outcome.result.taskState} after ${outcome.polls} polls` },
        });
        break;
      case 'unknown-task':
        repo.transition(item.id, 'submitted', 'attention', {
          error: { kind: 'unknown-task', message: outcome.error.message, reason: 'unknown-task' },
          attempt: { action: 'poll', outcome: 'unknown task' },
        });
        break;
      case 'waiting':
        repo.transition(item.id, 'submitted', 'attention', {
          error: { kind: 'deadline', message: 'Progeny has not finished this verification in time; it may still finish.', reason: 'deadline' },
          attempt: { action: 'poll', outcome: 'deadline' },
        });
        break;
      case 'failed':
        // Credentials or session trouble: the task is safe on Progeny's side; poll again once fixed.
        if (outcome.error.kind === 'credentials-rejected') pause = 'credentials';
        if (outcome.error.kind !== 'cancelled') log.warn('polling stopped', { item: item.id, kind: outcome.error.kind });
        return;
    }
    changed();
  }

  /** Sends or polls one item; false when it failed unexpectedly (a bug, unreadable inputs). */
  async function work(item: QueueItem): Promise<boolean> {
    inFlight.add(item.id);
    try {
      let client: ProgenyClient;
      try {
        client = await options.client();
      } catch (error) {
        // No server to talk to (the training sandbox could not start): nothing was sent and the item
        // is untouched. Wait for the probe to find a server rather than pick the next item.
        log.warn('progeny is not available', { error: error instanceof Error ? error.message : String(error) });
        pause = 'offline';
        return true;
      }
      await (item.state === 'submitted' ? collect(item, client) : send(item, client));
      return true;
    } catch (error) {
      // Reading the inputs or a bug: keep the item, say why, never lose it.
      log.error('queue item failed unexpectedly', { item: item.id, error: error instanceof Error ? error.message : String(error) });
      if (isProgenyError(error)) pause = error.kind === 'offline' ? 'offline' : pause;
      return false;
    } finally {
      inFlight.delete(item.id);
    }
  }

  /** Picks due items one after another until none is left, the queue pauses or closes, or the lease is lost. */
  async function worker(skip: Set<string>, picked: () => void): Promise<void> {
    for (;;) {
      if (pause || stopping) return;
      if (!repo.acquireLease(options.holder, now(), leaseTtl)) return;
      const [item] = repo.due(now(), 1, skip.size === 0 ? inFlight : new Set([...inFlight, ...skip]), options.mode?.());
      if (!item) return;
      picked();
      // An item that failed unexpectedly would fail the same way at once: a worker that picked it
      // again would spin without ever yielding to timers or I/O. The next drain tries it again.
      if (!(await work(item))) skip.add(item.id);
    }
  }

  /**
   * Works through everything that is due now, with at most `concurrency` workers in all. Only the
   * workers this call starts are awaited: a drain while another worker polls a slow task sends new
   * work at once and returns without waiting for that poll. Also renews the lease. Returns how many
   * items this call's workers handled; 0 when another process holds the lease or the drainer stopped.
   */
  async function drainDue(): Promise<number> {
    if (stopping || !repo.acquireLease(options.holder, now(), leaseTtl)) return 0;
    const skip = new Set<string>();
    let handled = 0;
    const started = Array.from({ length: Math.max(0, concurrency - workers.size) }, () => {
      const running = worker(skip, () => (handled += 1));
      workers.add(running);
      const forget = () => void workers.delete(running);
      running.then(forget, forget);
      return running;
    });
    await Promise.all(started);
    return handled;
  }

  /** Resolves true once no worker runs, or false after `ms`. */
  async function idle(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    try {
      return await Promise.race([Promise.allSettled([...workers]).then(() => true as const), timeUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Closing: picks nothing more, stops polls at once, and gives sends in flight up to `graceMs` to
   * record what Progeny answered (a task id is the only record of the task it created). A send
   * still going after that is cancelled, and its outcome (not sent, or uncertain) recorded.
   */
  async function stop(graceMs = 5_000): Promise<void> {
    stopping = true;
    pollsStopped.abort();
    if (await idle(graceMs)) return;
    sendsStopped.abort();
    if (!(await idle(1_000))) log.warn('queue work still running at close', { items: inFlight.size });
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
    stop,
    release: () => repo.releaseLease(options.holder),
  };
}

export type Drainer = ReturnType<typeof createDrainer>;
