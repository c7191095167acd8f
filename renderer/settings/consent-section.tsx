import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../common/contract-names';
import { MAX_CONSENT_TEXT_LENGTH, type ConsentSettings } from '../../common/customer-consent';
import { CONSENT_MODES, isOneOf, type ConsentMode } from '../../common/vocabulary';
import type { SettingsSaver } from './use-settings-saver';
import { ManagedNote, useManaged } from './managed';

/** The shortest consent text main accepts (customer-consent-schema.ts). */
const MIN_TEXT_LENGTH = 20;

/**
 * Biometric consent (administrator): whether it is asked, and its text in each language. Main
 * gives a changed text its next version when it saves; the form shows the version in force.
 */
export function ConsentSection({ consent, saver }: { consent: ConsentSettings; saver: SettingsSaver }) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<ConsentMode>(consent.mode);
  const [texts, setTexts] = useState<Record<Language, string>>({ en: consent.texts.en.text, fr: consent.texts.fr.text, ar: consent.texts.ar.text });
  const [tooShort, setTooShort] = useState<Language | null>(null);
  // The organisation's policy may fix whether consent is asked; the texts stay the administrator's.
  const modeManaged = useManaged('consent');
  const error = saver.errorFor('consent');

  function submit(event: FormEvent) {
    event.preventDefault();
    const short = LANGUAGES.find((language) => texts[language].trim().length < MIN_TEXT_LENGTH) ?? null;
    setTooShort(short);
    if (short) return document.getElementById(`${id}-text-${short}`)?.focus();
    const next: ConsentSettings = {
      mode,
      texts: { en: { text: texts.en, version: consent.texts.en.version }, fr: { text: texts.fr, version: consent.texts.fr.version }, ar: { text: texts.ar, version: consent.texts.ar.version } },
    };
    void saver.save('consent', { consent: next });
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="settings-section">
      <h2 id={`${id}-heading`}>{t('customer.settings.title')}</h2>
      <p className="intro">{t('customer.settings.intro')}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-mode`}>{t('customer.settings.mode')}</label>
          <select
            id={`${id}-mode`}
            value={mode}
            disabled={modeManaged}
            aria-describedby={modeManaged ? `${id}-managed` : undefined}
            onChange={(event) => isOneOf(CONSENT_MODES, event.target.value) && setMode(event.target.value)}
          >
            {CONSENT_MODES.map((value) => (
              <option key={value} value={value}>
                {t(`customer.settings.modes.${value}`)}
              </option>
            ))}
          </select>
          {modeManaged && <ManagedNote id={`${id}-managed`} />}
        </div>
        {LANGUAGES.map((language) => (
          <div key={language} className="field">
            <label htmlFor={`${id}-text-${language}`}>{t('customer.settings.text', { language: t(`languages.${language}`), version: consent.texts[language].version })}</label>
            <textarea
              id={`${id}-text-${language}`}
              value={texts[language]}
              rows={8}
              maxLength={MAX_CONSENT_TEXT_LENGTH}
              lang={language}
              dir={language === 'ar' ? 'rtl' : 'ltr'}
              aria-describedby={`${id}-hint${tooShort === language ? ` ${id}-short` : ''}`}
              aria-invalid={tooShort === language}
              onChange={(event) => setTexts({ ...texts, [language]: event.target.value })}
            />
            {tooShort === language && (
              <p id={`${id}-short`} className="error">
                {t('customer.settings.tooShort', { language: t(`languages.${language}`) })}
              </p>
            )}
          </div>
        ))}
        <p id={`${id}-hint`} className="intro">
          {t('customer.settings.textHint')}
        </p>
        {error && (
          <p role="alert" className="error">
            {t('settings.saveFailed', { message: error.message })}
          </p>
        )}
        <button type="submit">{t('customer.settings.save')}</button>
        <p role="status" className="saved">
          {saver.savedIn('consent') && t('customer.settings.saved')}
        </p>
      </form>
    </section>
  );
}
