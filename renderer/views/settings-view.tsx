import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../app/store-context';
import { PinSettings } from '../components/pin-settings';
import { AuditSection } from '../settings/audit-section';
import { CamerasSection } from '../settings/cameras-section';
import { LanguageSection } from '../settings/language-section';
import { RetentionSection } from '../settings/retention-section';
import { ScreenLockSection } from '../settings/screen-lock-section';
import { ServerSection } from '../settings/server-section';
import { useSettingsSaver } from '../settings/use-settings-saver';
import '../styles/settings.css';

export function SettingsView() {
  const { t } = useTranslation();
  const settings = useStation((s) => s.settings);
  const status = useStation((s) => s.status);
  const info = useStation((s) => s.info);
  const saver = useSettingsSaver();
  const aboutId = useId();
  if (!settings) return null;
  const unlocked = status?.store === 'unlocked';
  return (
    <div className="settings-view">
      <ServerSection settings={settings} status={status} saver={saver} />
      <CamerasSection settings={settings} saver={saver} />
      <RetentionSection retention={settings.retention} saver={saver} />
      <ScreenLockSection minutes={settings.idleLockMinutes} saver={saver} />
      <PinSettings />
      <LanguageSection language={settings.language} saver={saver} />
      {/* Keyed on the lock state: the log can only be read once the store is open. */}
      <AuditSection key={unlocked ? 'unlocked' : 'locked'} />
      {info && (
        <section aria-labelledby={aboutId} className="settings-section">
          <h2 id={aboutId}>{t('views.settings.about')}</h2>
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
    </div>
  );
}
