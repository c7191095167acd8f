import type { i18n as I18n } from 'i18next';
import type { StationStore } from '../app/store';
import { applyDocumentLanguage, resolveLanguage } from './i18n';

/** Switches the UI language (and text direction) whenever the saved setting changes. */
export function followLanguageSetting(store: StationStore, i18n: I18n, preferred: readonly string[]): () => void {
  return store.subscribe((state, previous) => {
    const language = state.settings?.language;
    if (language && language !== previous.settings?.language) {
      void i18n.changeLanguage(resolveLanguage(language, preferred)).then(() => applyDocumentLanguage(i18n));
    }
  });
}
