import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES } from '../../common/contract-names';
import type { Settings } from '../../common/contract';
import type { SettingsSaver } from './use-settings-saver';

export function LanguageSection({ language, saver }: { language: Settings['language']; saver: SettingsSaver }) {
  const { t } = useTranslation();
  const headingId = useId();
  const selectId = useId();
  const error = saver.errorFor('language');
  return (
    <section aria-labelledby={headingId} className="settings-section">
      <h2 id={headingId}>{t('settings.language.heading')}</h2>
      <div className="field">
        <label htmlFor={selectId}>{t('views.settings.language')}</label>
        <select
          id={selectId}
          value={language}
          onChange={(event) => {
            const value = event.target.value;
            if (value === 'system' || isLanguage(value)) void saver.save('language', { language: value });
          }}
        >
          <option value="system">{t('views.settings.languageSystem')}</option>
          {LANGUAGES.map((option) => (
            <option key={option} value={option} lang={option}>
              {t(`languages.${option}`)}
            </option>
          ))}
        </select>
        {error && (
          <p role="alert" className="error">
            {t('views.settings.saveFailed', { message: error.message })}
          </p>
        )}
      </div>
    </section>
  );
}
