import type { QueueRow } from '../../common/contract';
import { isOneOf, type QueueState } from '../../common/vocabulary';

const CANCELLABLE = ['draft', 'ready', 'retry', 'attention'] as const satisfies readonly QueueState[];

/** What an operator may do with a queued verification, by state (the station refuses the rest anyway). */
export const canRetry = (row: QueueRow): boolean => row.state === 'retry' || (row.state === 'attention' && row.attentionReason !== 'uncertain');
/** Anything not yet (certainly) sent can be withdrawn; "uncertain" is included, since the operator may know it never arrived. */
export const canCancel = (row: QueueRow): boolean => isOneOf(CANCELLABLE, row.state);
/** A send that may or may not have reached Progeny: only a person can say which. */
export const needsResolving = (row: QueueRow): boolean => row.state === 'attention' && row.attentionReason === 'uncertain';
