import type { QueueRow } from '../../common/contract';

/** What an operator may do with a queued verification, by state (the station refuses the rest anyway). */
export const canRetry = (row: QueueRow): boolean => row.state === 'retry' || (row.state === 'attention' && row.attentionReason !== 'uncertain');
/** Anything not yet (certainly) sent can be withdrawn; "uncertain" is included, since the operator may know it never arrived. */
export const canCancel = (row: QueueRow): boolean => ['draft', 'ready', 'retry', 'attention'].includes(row.state);
/** A send that may or may not have reached Progeny: only a person can say which. */
export const needsResolving = (row: QueueRow): boolean => row.state === 'attention' && row.attentionReason === 'uncertain';
