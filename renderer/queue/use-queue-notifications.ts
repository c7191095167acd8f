import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../common/contract';
import { useStation } from '../app/store-context';
import { callMain } from '../app/call-main';
import { customerLabel } from '../verify/customer-label';
import { serviceName, verdictName } from './shared-names';

/**
 * Where the host says so (`app:info` capabilities: the desktop app), a system notification too: the
 * operator may be in another window. It can appear on a locked screen, so it carries the service
 * and verdict only: never a name or document number.
 */
function showNative(enabled: boolean, title: string, body: string) {
  if (!enabled || typeof Notification === 'undefined') return;
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
  const systemNotifications = useStation((s) => s.info?.capabilities.systemNotifications ?? false);
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
      void callMain('history:detail', { id: row.id }).then((detail) => {
        if (!detail.ok || detail.value.state !== 'done') return;
        const service = serviceName(t, detail.value.service);
        const verdict = verdictName(t, detail.value.verdict);
        // Inside the app the notice names the customer; the system notification below never does.
        const customer = customerLabel(t, detail.value.customer);
        const text = t('queue.notice.result', { service, verdict });
        notify({ kind: 'result', verificationId: row.id, text: customer ? t('customer.notice', { customer, text }) : text });
        showNative(systemNotifications, t('queue.notice.nativeResultTitle'), t('queue.notice.result', { service, verdict }));
      });
    }

    const stateBefore = new Map(before.map((row) => [row.id, row.state]));
    for (const row of queue) {
      if (row.state !== 'attention' || stateBefore.get(row.id) === 'attention') continue;
      const service = serviceName(t, row.service);
      const customer = customerLabel(t, row.customer);
      const text = t('queue.notice.attention', { service });
      notify({ kind: 'attention', verificationId: null, text: customer ? t('customer.notice', { customer, text }) : text });
      showNative(systemNotifications, t('queue.notice.nativeAttentionTitle'), service);
    }
  }, [queue, notify, t, systemNotifications]);
}
