import type { ServiceId } from '../../../common/services/catalog';
import type { NormalisedResult } from '../../../common/services/result-model';
import type { Mode } from '../../../common/vocabulary';
import type { SubmissionInput } from '../progeny/progeny-client';
import type { AttentionReason, QueueState } from './queue-states';

export interface QueueItem {
  id: string;
  service: ServiceId;
  mode: Mode;
  state: QueueState;
  taskId: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  submittedAt: number | null;
}

export interface TransitionPatch {
  taskId?: string | null;
  attempts?: number;
  nextAttemptAt?: number | null;
  submittedAt?: number | null;
  finishedAt?: number | null;
  result?: NormalisedResult;
  error?: { kind: string; message: string; reason?: AttentionReason; fields?: Record<string, string[]> } | null;
  /** One line of the item's attempt history (no PII). */
  attempt: { action: string; outcome: string; detail?: string };
}

/**
 * What the drainer needs from storage. Every method commits before it returns: the state on disk
 * is always the state of the world as far as the station can know it.
 */
export interface QueueRepository {
  /**
   * Items to act on now: due to be sent (ready, or retry whose time has come) or to be polled
   * (submitted). With `mode`, only items queued in that mode: training work never reaches live
   * Progeny and live work never lands in the sandbox.
   */
  due(now: number, limit: number, excluding: ReadonlySet<string>, mode?: Mode): QueueItem[];
  inputs(id: string): Promise<SubmissionInput>;
  /** Compare-and-set: moves `id` from `from` to `to` with the patch; false when it was not in `from`. */
  transition(id: string, from: QueueState, to: QueueState, patch: TransitionPatch): boolean;
  /** At start: sends interrupted mid-flight may have reached Progeny; they wait for a person. */
  recoverInterrupted(now: number): number;
  /** Whether `holder` may drain now (the lease is free, expired, or held by a dead process). */
  acquireLease(holder: string, now: number, ttlMs: number): boolean;
  releaseLease(holder: string): void;
}
