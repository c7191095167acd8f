import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavBar } from '../components/nav-bar';
import { StatusBar } from '../components/status-bar';
import { PlaceholderView } from '../views/placeholder-view';
import { SettingsView } from '../views/settings-view';
import { VIEWS } from './store';
import { useStation } from './store-context';

export function App() {
  const { t } = useTranslation();
  const view = useStation((s) => s.view);
  const setView = useStation((s) => s.setView);
  const mode = useStation((s) => s.status?.mode);
  const recoveredFrom = useStation((s) => s.status?.settingsRecoveredFrom ?? null);
  const bridgeError = useStation((s) => s.bridgeError);
  const refresh = useStation((s) => s.refresh);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

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

  // Moving focus to the new view's heading tells screen-reader users the page changed.
  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else heading.current?.focus();
  }, [view]);

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
            <p>{t('bridge.unavailable')}</p>
            <button type="button" onClick={() => void refresh()}>
              {t('bridge.retry')}
            </button>
          </div>
        )}
        {recoveredFrom && (
          <p role="alert" className="warning-banner">
            {t('settingsRecovered', { file: recoveredFrom })}
          </p>
        )}
        <h1 ref={heading} tabIndex={-1}>
          {t(`views.${view}.title`)}
        </h1>
        {view === 'settings' ? <SettingsView /> : <PlaceholderView view={view} />}
      </main>
      <StatusBar />
    </div>
  );
}
