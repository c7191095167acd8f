import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../common/contract';
import { useStation } from '../app/store-context';
import { invokeStation } from './invoke-station';
import { serviceName, verdictName } from './shared-names';

/**
 * Electron shows system notifications too (the operator may be in another window). They can appear
 * on a locked screen, so they carry the service and verdict only: never a name or document number.
 */
function showNative(title: string, body: string) {
  if (!navigator.userAgent.includes('Electron') || typeof Notification === 'undefined') return;
  new Notification(title, { body });
}

/**
 * Watches the open queue between refreshes: an item that left it has finished (or was cancelled),
 * so its record says which and with what verdict; an item that newly waits for a person is
 * announced at once. The first list seen is the baseline and announces nothing.
 */
export function useQueueNotifications() {
  const { t } = useTranslation();
  const queue = useStation((s) => s.queue);
  const notify = useStation((s) => s.notify);
  const previous = useRef<QueueRow[] | null>(null);

  useEffect(() => {
    // A locked store reads as null: keep the last real list, so nothing is announced twice after unlocking.
    if (queue === null) return;
    const before = previous.current;
    previous.current = queue;
    if (before === null || before === queue) return;

    const stillOpen = new Set(queue.map((row) => row.id));
    for (const row of before) {
      if (stillOpen.has(row.id)) continue;
      void invokeStation('history:detail', { id: row.id }).then((detail) => {
        if (!detail.ok || detail.value.state !== 'done') return;
        const service = serviceName(t, detail.value.service);
        const verdict = verdictName(t, detail.value.verdict);
        notify({ kind: 'result', verificationId: row.id, text: t('queue.notice.result', { service, verdict }) });
        showNative(t('queue.notice.nativeResultTitle'), t('queue.notice.result', { service, verdict }));
      });
    }

    const stateBefore = new Map(before.map((row) => [row.id, row.state]));
    for (const row of queue) {
      if (row.state !== 'attention' || stateBefore.get(row.id) === 'attention') continue;
      const service = serviceName(t, row.service);
      notify({ kind: 'attention', verificationId: null, text: t('queue.notice.attention', { service }) });
      showNative(t('queue.notice.nativeAttentionTitle'), service);
    }
  }, [queue, notify, t]);
}
