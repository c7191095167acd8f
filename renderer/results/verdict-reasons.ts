/**
 * Why a verification came out the way it did, as data the banner turns into words: the failed
 * checks, Progeny's issues, differences between the two document reads, or for a record without a
 * result, where it stands in the queue. A verdict without a reason is useless at the desk.
 */
import type { HistoryDetail } from '../../common/contract';
import type { ResultCheck } from '../../common/services/catalog';

export const ATTENTION_REASONS = ['uncertain', 'rejected', 'credentials', 'unknown-task', 'deadline', 'failed'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];
const isAttentionReason = (value: string | null): value is AttentionReason => (ATTENTION_REASONS as readonly string[]).includes(value ?? '');

export const WAITING_STATES = ['draft', 'ready', 'submitting', 'submitted', 'retry'] as const;
export type WaitingState = (typeof WAITING_STATES)[number];
const isWaitingState = (value: string): value is WaitingState => (WAITING_STATES as readonly string[]).includes(value);

export type Reason =
  | { kind: 'all-passed' }
  | { kind: 'liveness-failed' }
  | { kind: 'face-differs-from-document' }
  | { kind: 'face-differs-from-registered' }
  | { kind: 'registration-failed' }
  | { kind: 'document-invalid' }
  | { kind: 'document-expired' }
  | { kind: 'watchlist-match'; riskLevel: string | null }
  | { kind: 'not-reported'; check: ResultCheck }
  | { kind: 'issue'; check: string; code: string; message: string; guidance: string }
  | { kind: 'fields-differ'; count: number }
  | { kind: 'task-state'; state: string }
  | { kind: 'unrecognised' }
  | { kind: 'waiting'; state: WaitingState }
  | { kind: 'attention'; reason: AttentionReason | null }
  | { kind: 'cancelled' }
  | { kind: 'no-result' }
  | { kind: 'error-detail'; message: string };

type Result = NonNullable<HistoryDetail['result']>;

function checkReasons(result: Result): Reason[] {
  const reasons: Reason[] = [];
  const { checks } = result;
  if (checks.liveness === false) reasons.push({ kind: 'liveness-failed' });
  if (checks.authentication === false) reasons.push({ kind: 'face-differs-from-registered' });
  if (checks.compare === false) reasons.push({ kind: 'face-differs-from-document' });
  if (checks.registration === false) reasons.push({ kind: 'registration-failed' });
  if (result.document?.valid === false) reasons.push({ kind: 'document-invalid' });
  if (result.document?.expired === true) reasons.push({ kind: 'document-expired' });
  if (result.backgroundCheck?.potentialMatch === true) reasons.push({ kind: 'watchlist-match', riskLevel: result.backgroundCheck.riskLevel });
  for (const [check, outcome] of Object.entries(checks)) {
    if (outcome === null) reasons.push({ kind: 'not-reported', check: check as ResultCheck });
  }
  return reasons;
}

/** The reasons, most decisive first. `differingFields`: document fields the two reads disagree on. */
export function verdictReasons(detail: HistoryDetail, differingFields = 0): Reason[] {
  const { result } = detail;
  if (!result) {
    const reasons: Reason[] = [];
    if (detail.state === 'attention') reasons.push({ kind: 'attention', reason: isAttentionReason(detail.attentionReason) ? detail.attentionReason : null });
    else if (detail.state === 'cancelled') reasons.push({ kind: 'cancelled' });
    else if (isWaitingState(detail.state)) reasons.push({ kind: 'waiting', state: detail.state });
    else reasons.push({ kind: 'no-result' });
    if (detail.error?.message) reasons.push({ kind: 'error-detail', message: detail.error.message });
    return reasons;
  }
  const reasons: Reason[] = [];
  if (result.taskState !== 'SUCCESS') reasons.push({ kind: 'task-state', state: result.taskState });
  if (result.unrecognised) reasons.push({ kind: 'unrecognised' });
  reasons.push(...checkReasons(result));
  for (const issue of result.issues) reasons.push({ kind: 'issue', ...issue });
  if (differingFields > 0) reasons.push({ kind: 'fields-differ', count: differingFields });
  if (reasons.length === 0 && result.verdict === 'verified') reasons.push({ kind: 'all-passed' });
  return reasons;
}
