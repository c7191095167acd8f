import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_ENDED_EVENT } from '../../common/bridge-protocol';
import { IntegrityBanner } from '../components/integrity-banner';
import { PolicyBanner } from '../components/policy-banner';
import { NavBar } from '../components/nav-bar';
import { StatusBar } from '../components/status-bar';
import { LockScreen } from '../components/lock-screen';
import { Notifications } from '../components/notifications';
import { ApprovalDialog } from '../accounts/approval-dialog';
import '../styles/lock.css';
import { useIdleLock } from './idle-lock';
import { HistoryView } from '../views/history-view';
import { NewVerificationView } from '../views/new-verification-view';
import { QueueView } from '../views/queue-view';
import { ResultView } from '../views/result-view';
import { SettingsView } from '../views/settings-view';
import { MyWorkView } from '../views/my-work-view';
import { UnlockView } from '../views/unlock-view';
import { VIEWS, type View } from './store';
import { callMain } from './call-main';
import { useStation } from './store-context';

export function App() {
  const { t } = useTranslation();
  const view = useStation((s) => s.view);
  const setView = useStation((s) => s.setView);
  const mode = useStation((s) => s.status?.mode);
  const recoveredFrom = useStation((s) => s.status?.settingsRecoveredFrom ?? null);
  const bridgeError = useStation((s) => s.bridgeError);
  // Every view but settings works on the encrypted store: unlock it first.
  const needsUnlock = useStation((s) => s.status?.store === 'locked' || s.status?.store === 'new');
  const locked = useStation((s) => s.status?.locked ?? false);
  const idleMinutes = useStation((s) => s.settings?.idleLockMinutes ?? 0);
  useIdleLock(idleMinutes, !locked);
  const refresh = useStation((s) => s.refresh);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // The web bridge says when the page's session has ended; reading the status again shows why.
  useEffect(() => {
    const onEnded = () => void refresh();
    window.addEventListener(SESSION_ENDED_EVENT, onEnded);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, onEnded);
  }, [refresh]);

  // Alt+1…4 jump between views from anywhere, including inside form fields.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const target = VIEWS[Number(event.key) - 1];
      if (target) {
        event.preventDefault();
        setView(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setView]);

  // A file dropped outside a drop zone would replace the station page with the image (and lose
  // the form): the window refuses drops; the slots' own drop zones still take them.
  useEffect(() => {
    const refuse = (event: DragEvent) => event.preventDefault();
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);

  // Alt+L locks the station from anywhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void callMain('lock:engage', { reason: 'operator' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Moving focus to the new view's heading tells screen-reader users the page changed.
  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else heading.current?.focus();
  }, [view]);

  // Locked: nothing but the lock screen is rendered, so no image or customer detail stays in the page.
  if (locked) return <LockScreen />;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <span className="app-name">{t('app.name')}</span>
        {mode === 'training' && (
          <p className="training-banner" role="note">
            {t('app.trainingBanner')}
          </p>
        )}
      </header>
      <NavBar />
      <main id="main" className="content" tabIndex={-1}>
        {bridgeError && (
          <div role="alert" className="error-banner">
            {/* An ended web session needs a new launch link: trying again cannot help. */}
            {bridgeError.code === 'session-ended' ? (
              <p>{t('bridge.sessionEnded')}</p>
            ) : (
              <>
                <p>{t('bridge.unavailable')}</p>
                <button type="button" onClick={() => void refresh()}>
                  {t('bridge.retry')}
                </button>
              </>
            )}
          </div>
        )}
        {recoveredFrom && (
          <p role="alert" className="warning-banner">
            {t('settingsRecovered', { file: recoveredFrom })}
          </p>
        )}
        <IntegrityBanner />
        <PolicyBanner />
        <h1 ref={heading} tabIndex={-1}>
          {t(`views.${view}.title`)}
        </h1>
        {needsUnlock && view !== 'settings' ? <UnlockView /> : <ViewBody view={view} />}
      </main>
      <Notifications />
      <ApprovalDialog />
      <StatusBar />
    </div>
  );
}

function ViewBody({ view }: { view: View }) {
  switch (view) {
    case 'new':
      return <NewVerificationView />;
    case 'queue':
      return <QueueView />;
    case 'history':
      return <HistoryView />;
    case 'result':
      return <ResultView />;
    case 'settings':
      return <SettingsView />;
    case 'mywork':
      return <MyWorkView />;
  }
}
