import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES } from '../../common/contract-names';
import { useStation } from '../app/store-context';

export function SettingsView() {
  const { t } = useTranslation();
  const settings = useStation((s) => s.settings);
  const info = useStation((s) => s.info);
  const settingsError = useStation((s) => s.settingsError);
  const updateSettings = useStation((s) => s.updateSettings);
  const languageId = useId();
  if (!settings) return null;
  return (
    <>
      <div className="field">
        <label htmlFor={languageId}>{t('views.settings.language')}</label>
        <select
          id={languageId}
          value={settings.language}
          onChange={(event) => {
            const value = event.target.value;
            if (value === 'system' || isLanguage(value)) void updateSettings({ language: value });
          }}
        >
          <option value="system">{t('views.settings.languageSystem')}</option>
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {t(`languages.${language}`)}
            </option>
          ))}
        </select>
        {settingsError && (
          <p role="alert" className="error">
            {t('views.settings.saveFailed', { message: settingsError.message })}
          </p>
        )}
      </div>
      {info && (
        <section aria-labelledby={`${languageId}-about`}>
          <h2 id={`${languageId}-about`}>{t('views.settings.about')}</h2>
          <dl className="facts">
            <dt>{t('views.settings.version')}</dt>
            <dd>{info.version}</dd>
            <dt>{t('views.settings.dataDir')}</dt>
            <dd dir="ltr">
              <code>{info.dataDir}</code>
            </dd>
          </dl>
        </section>
      )}
    </>
  );
}
