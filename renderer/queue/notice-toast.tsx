import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../app/store';

/** Long enough to read twice; a result stays in the history and the notice is only a shortcut. */
export const RESULT_NOTICE_MS = 30_000;

interface NoticeToastProps {
  notice: Notice;
  onOpenResult: (id: string) => void;
  onOpenQueue: () => void;
  onDismiss: () => void;
}

/** One notice. Results go away by themselves unless the operator is on it; attention stays until dismissed. */
export function NoticeToast({ notice, onOpenResult, onOpenQueue, onDismiss }: NoticeToastProps) {
  const { t } = useTranslation();
  const [held, setHeld] = useState(false);
  const expires = notice.kind === 'result' && !held;
  // The latest callback, so a re-render of the list does not restart the countdown.
  const dismissLater = useRef(onDismiss);
  useEffect(() => {
    dismissLater.current = onDismiss;
  });

  useEffect(() => {
    if (!expires) return;
    const timer = setTimeout(() => dismissLater.current(), RESULT_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [expires]);

  const { verificationId } = notice;
  return (
    <li
      className={`toast toast-${notice.kind}`}
      onFocus={() => setHeld(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setHeld(false);
      }}
    >
      <p className="toast-text">{notice.text}</p>
      <div className="toast-actions">
        {verificationId !== null && (
          <button type="button" aria-label={t('queue.notice.openResultFor', { text: notice.text })} onClick={() => onOpenResult(verificationId)}>
            {t('queue.notice.openResult')}
          </button>
        )}
        {notice.kind === 'attention' && (
          <button type="button" aria-label={t('queue.notice.openQueueFor', { text: notice.text })} onClick={onOpenQueue}>
            {t('queue.notice.openQueue')}
          </button>
        )}
        <button type="button" aria-label={t('queue.notice.dismissFor', { text: notice.text })} onClick={onDismiss}>
          {t('queue.notice.dismiss')}
        </button>
      </div>
    </li>
  );
}
