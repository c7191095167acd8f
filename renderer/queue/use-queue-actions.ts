import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../common/contract';
import type { Result } from '../../common/result';
import { useStation } from '../app/store-context';
import { callMain } from '../app/call-main';

export interface ActionOutcome {
  ok: boolean;
  text: string;
}

export type Resolution = { taskId: string } | { resend: true };

/**
 * Retry, cancel and resolve, each followed by a fresh read of the queue (main does not announce
 * these changes itself) and a sentence saying what happened, or why nothing did.
 */
export function useQueueActions() {
  const { t } = useTranslation();
  const refreshQueue = useStation((s) => s.refreshQueue);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);

  async function report(result: Result<boolean>, done: string, refused: string) {
    if (!result.ok) setOutcome({ ok: false, text: t('queue.outcome.failed', { message: result.error.message }) });
    else setOutcome(result.value ? { ok: true, text: done } : { ok: false, text: refused });
    await refreshQueue();
  }

  return {
    outcome,
    retry: async (row: QueueRow, label: string) => report(await callMain('queue:retry', { id: row.id }), t('queue.outcome.retried', { row: label }), t('queue.outcome.retryRefused', { row: label })),
    cancel: async (row: QueueRow, label: string) =>
      report(await callMain('queue:cancel', { id: row.id }), t('queue.outcome.cancelled', { row: label }), t('queue.outcome.cancelRefused', { row: label })),
    resolve: async (row: QueueRow, label: string, resolution: Resolution) =>
      report(
        await callMain('queue:resolve', { id: row.id, ...resolution }),
        'taskId' in resolution ? t('queue.outcome.resolvedTask', { row: label, taskId: resolution.taskId }) : t('queue.outcome.resolvedResend', { row: label }),
        t('queue.outcome.resolveRefused', { row: label }),
      ),
  };
}
