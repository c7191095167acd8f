import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { App } from '../../renderer/app/app';
import { createStationStore } from '../../renderer/app/store';
import { StoreProvider } from '../../renderer/app/store-context';
import { followLanguageSetting } from '../../renderer/i18n/follow-settings';
import { applyDocumentLanguage, createI18n } from '../../renderer/i18n/i18n';
import type { FakeStation } from './fake-station';

/** Mounts the shell the way renderer/main.tsx does, against a fake station. */
export async function renderApp(station: FakeStation) {
  // The renderer reaches main only through renderer/app/call-main.ts, i.e. window.station, as in the app.
  Object.defineProperty(window, 'station', { value: station, configurable: true });
  const store = createStationStore();
  const i18n = await createI18n('en');
  applyDocumentLanguage(i18n);
  followLanguageSetting(store, i18n, ['en-GB']);
  store.getState().connect();
  const view = render(
    <I18nextProvider i18n={i18n}>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </I18nextProvider>,
  );
  return { ...view, store, i18n };
}
