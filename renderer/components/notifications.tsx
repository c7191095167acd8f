import { useTranslation } from 'react-i18next';
import { useStation } from '../app/store-context';
import { NoticeToast } from '../queue/notice-toast';
import { useQueueNotifications } from '../queue/use-queue-notifications';
import '../styles/queue.css';

/**
 * In-app notifications: finished verifications and ones that need a person. The live region is
 * always in the page, so screen readers announce each notice as it is added.
 */
export function Notifications() {
  const { t } = useTranslation();
  useQueueNotifications();
  const notices = useStation((s) => s.notices);
  const dismiss = useStation((s) => s.dismiss);
  const showResult = useStation((s) => s.showResult);
  const setView = useStation((s) => s.setView);

  // A button that removes its own notice would drop focus on the page body: hand it to the main content.
  const dismissAndRefocus = (id: string) => {
    const hadFocus = Boolean(document.activeElement?.closest('.notifications'));
    dismiss(id);
    if (hadFocus) document.getElementById('main')?.focus();
  };

  return (
    <section className="notifications" aria-live="polite" aria-label={t('queue.notice.region')}>
      <ul>
        {notices.map((notice) => (
          <NoticeToast
            key={notice.id}
            notice={notice}
            onDismiss={() => dismissAndRefocus(notice.id)}
            onOpenResult={(id) => {
              showResult(id);
              dismissAndRefocus(notice.id);
            }}
            onOpenQueue={() => {
              setView('queue');
              dismissAndRefocus(notice.id);
            }}
          />
        ))}
      </ul>
    </section>
  );
}
