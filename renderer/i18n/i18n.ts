import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Settings } from '../../common/contract';
import { LANGUAGES, type Language } from '../../common/contract-names';
import { ar } from './ar';
import { en } from './en';
import { fr } from './fr';

export const catalogues = { en, fr, ar } as const;

/** 'system' resolves through the browser's language list to the first one we have, else English. */
export function resolveLanguage(preference: Settings['language'], preferred: readonly string[]): Language {
  if (preference !== 'system') return preference;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const match = LANGUAGES.find((language) => language === base);
    if (match) return match;
  }
  return 'en';
}

export async function createI18n(language: Language): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: Object.fromEntries(Object.entries(catalogues).map(([lng, messages]) => [lng, { translation: messages }])),
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
  });
  return instance;
}

/** Keeps <html lang> and dir in step with the language, so Arabic lays out right to left. */
export function applyDocumentLanguage(instance: I18n, doc: Document = document): void {
  doc.documentElement.lang = instance.language;
  doc.documentElement.dir = instance.dir(instance.language);
}
