import type { TFunction } from 'i18next';
import type { QueueRow } from '../../common/contract';
import { ATTENTION_REASONS, ERROR_KINDS, isOneOf } from '../../common/vocabulary';

/**
 * What went wrong with a queued verification, in words an operator can act on; null when nothing
 * did. An item waiting for a person is explained by why it waits (that decides what to do); an
 * item the station retries by itself by the failure it met.
 */
export function explainProblem(t: TFunction, row: Pick<QueueRow, 'state' | 'attentionReason' | 'errorKind'>): string | null {
  if (row.state === 'attention') {
    return isOneOf(ATTENTION_REASONS, row.attentionReason) ? t(`queue.problem.reason.${row.attentionReason}`) : t('queue.problem.reason.other');
  }
  if (row.errorKind === null) return null;
  return isOneOf(ERROR_KINDS, row.errorKind) ? t(`queue.problem.kind.${row.errorKind}`) : t('queue.problem.kind.other');
}
