import { FINAL_STATES as FINAL, type QueueState } from '../../../common/vocabulary';

/**
 * The life of a queued verification. Every transition is committed to disk before its side effect
 * (write-ahead), so after a crash the state on disk says exactly what may have happened:
 *
 *   ready ──▶ submitting ──▶ submitted ──▶ done
 *     ▲           │  │            │
 *     └─ retry ◀──┘  └──▶ attention ◀┘        (and any unsent state ──▶ cancelled)
 *
 * `submitting` is written before the POST goes out; finding it on disk at start means the POST may
 * have reached Progeny, so it becomes "attention: uncertain", never a second POST. `submitted`
 * holds the task id: after a crash it is polled again, never re-posted.
 */
export type { AttentionReason, QueueState } from '../../../common/vocabulary';
export { QUEUE_STATES } from '../../../common/vocabulary';
export const FINAL_STATES: readonly QueueState[] = FINAL;

const ALLOWED: Readonly<Record<QueueState, readonly QueueState[]>> = {
  draft: ['ready', 'cancelled'],
  ready: ['submitting', 'cancelled'],
  retry: ['ready', 'submitting', 'cancelled'],
  submitting: ['submitted', 'retry', 'attention'],
  submitted: ['done', 'attention'],
  // A person resolves: "it was sent" (poll the id they confirm) or "it was not" (send again), or gives up.
  attention: ['ready', 'submitted', 'cancelled', 'done'],
  done: [],
  cancelled: [],
};

export const canTransition = (from: QueueState, to: QueueState): boolean => ALLOWED[from].includes(to);

/** Exponential back-off with full jitter: the n-th automatic retry waits up to base·2ⁿ, capped. */
export function retryDelayMs(attempt: number, random: () => number = Math.random, baseMs = 5_000, capMs = 10 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
