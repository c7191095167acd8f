import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, vi } from 'vitest';
import { createStationStore } from '../../../renderer/app/store';
import { StoreProvider, useStation } from '../../../renderer/app/store-context';
import { createI18n } from '../../../renderer/i18n/i18n';
import { HistoryView } from '../../../renderer/views/history-view';
import { ResultView } from '../../../renderer/views/result-view';
import type { FakeStation } from '../fake-station';

/**
 * jsdom has no object URLs: record what the screens create and revoke. Call at the top of a
 * describe block.
 */
export function useFakeObjectUrls() {
  const urls = { created: [] as Blob[], revoked: [] as string[] };
  beforeEach(() => {
    urls.created = [];
    urls.revoked = [];
    Object.defineProperty(URL, 'createObjectURL', {
      configurable: true,
      value: vi.fn((blob: Blob) => {
        urls.created.push(blob);
        return `blob:fake/${urls.created.length}`;
      }),
    });
    Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: vi.fn((url: string) => urls.revoked.push(url)) });
  });
  afterEach(() => {
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
  });
  return urls;
}

/** The two results screens, switched by the store's view like the shell does. */
function ResultsScreens() {
  const view = useStation((s) => s.view);
  return view === 'result' ? <ResultView /> : view === 'history' ? <HistoryView /> : <p>{`view: ${view}`}</p>;
}

/**
 * The results screens against the fake station, with `window.station` set as the hosts' bridges
 * do. Opens the result of `resultId` when given, else the history.
 */
export async function renderResults(station: FakeStation, resultId?: string) {
  Object.defineProperty(window, 'station', { configurable: true, value: station });
  const store = createStationStore();
  const i18n = await createI18n('en');
  if (resultId) store.getState().showResult(resultId);
  else store.getState().setView('history');
  const view = render(
    <I18nextProvider i18n={i18n}>
      <StoreProvider store={store}>
        <ResultsScreens />
      </StoreProvider>
    </I18nextProvider>,
  );
  return { ...view, store, i18n };
}
