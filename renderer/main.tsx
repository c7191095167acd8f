import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/app';
import { createStationStore } from './app/store';
import { StoreProvider } from './app/store-context';
import { followLanguageSetting } from './i18n/follow-settings';
import { applyDocumentLanguage, createI18n, resolveLanguage } from './i18n/i18n';
import './styles.css';

async function start() {
  const store = createStationStore();
  const i18n = await createI18n(resolveLanguage('system', navigator.languages));
  applyDocumentLanguage(i18n);
  followLanguageSetting(store, i18n, navigator.languages);
  store.getState().connect();
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StoreProvider store={store}>
          <App />
        </StoreProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void start();
