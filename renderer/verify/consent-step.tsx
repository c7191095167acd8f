import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, type Language } from '../../common/contract-names';
import type { ConsentRecord, ConsentSettings } from '../../common/customer-consent';

interface Props {
  settings: ConsentSettings;
  consent: ConsentRecord | null;
  onAnswer: (consent: ConsentRecord) => void;
  /** Declined: the form for the next customer. */
  onNextCustomer: () => void;
}

/**
 * Before any face is captured: the consent text in the customer's language (the UI's by default),
 * and the customer's answer. Until "agrees" (when consent is required) the form shows no image
 * slot at all, so no camera can open and no file can be added; "declines" ends the workflow.
 */
export function ConsentStep({ settings, consent, onAnswer, onNextCustomer }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const uiLanguage = i18n.language.slice(0, 2);
  const [language, setLanguage] = useState<Language>(isLanguage(uiLanguage) ? uiLanguage : 'en');
  const languageName = (value: Language) => t(`languages.${value}`);

  if (consent?.answer === 'declined') {
    return (
      <section className="verify-consent verify-consent-declined" aria-labelledby={`${id}-title`} role="alert">
        <h2 id={`${id}-title`}>{t('customer.consent.declinedTitle')}</h2>
        <p>{t('customer.consent.declined')}</p>
        <button type="button" onClick={onNextCustomer}>
          {t('customer.consent.nextCustomer')}
        </button>
      </section>
    );
  }
  if (consent?.answer === 'agreed') {
    const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(consent.at);
    return (
      <p className="verify-consent-agreed" role="status">
        {t('customer.consent.agreed', { language: languageName(consent.language), version: consent.version, time })}
      </p>
    );
  }
  const text = settings.texts[language];
  const answer = (value: ConsentRecord['answer']) => onAnswer({ answer: value, language, version: text.version, at: Date.now() });
  return (
    <section className="verify-consent" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('customer.consent.title')}</h2>
      <p className="verify-hint">{settings.mode === 'optional' ? t('customer.consent.introOptional') : t('customer.consent.intro')}</p>
      <div className="field verify-field">
        <label htmlFor={`${id}-language`}>{t('customer.consent.language')}</label>
        <select id={`${id}-language`} value={language} onChange={(event) => isLanguage(event.target.value) && setLanguage(event.target.value)}>
          {LANGUAGES.map((value) => (
            <option key={value} value={value} lang={value}>
              {languageName(value)}
            </option>
          ))}
        </select>
      </div>
      <div className="verify-consent-text" lang={language} dir={language === 'ar' ? 'rtl' : 'ltr'}>
        {text.text}
      </div>
      <p className="verify-hint">{t('customer.consent.version', { language: languageName(language), version: text.version })}</p>
      <div className="verify-actions">
        <button type="button" onClick={() => answer('agreed')}>
          {t('customer.consent.agree')}
        </button>
        <button type="button" onClick={() => answer('declined')}>
          {t('customer.consent.decline')}
        </button>
      </div>
    </section>
  );
}
