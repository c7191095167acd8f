import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../common/contract-names';
import { useStation } from '../app/store-context';
import { OperatorsSection } from '../accounts/operators-section';
import { AuditSection } from '../settings/audit-section';
import { CamerasSection } from '../settings/cameras-section';
import { ConsentSection } from '../settings/consent-section';
import { LanguageSection } from '../settings/language-section';
import { RetentionSection } from '../settings/retention-section';
import { ScreenLockSection } from '../settings/screen-lock-section';
import { ServerSection } from '../settings/server-section';
import { useSettingsSaver } from '../settings/use-settings-saver';
import { FleetFacts } from '../settings/fleet-facts';
import { Managed } from '../settings/managed';
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
      {/* What the organisation's policy fixes is shown locked (main refuses changes to it anyway). */}
      <Managed setting="retention">
        <RetentionSection retention={settings.retention} saver={saver} />
      </Managed>
      <Managed setting="idleLockMinutes">
        <ScreenLockSection minutes={settings.idleLockMinutes} saver={saver} />
      </Managed>
      {/* Keyed on the versions: a saved text comes back with its new version, and the form shows what is in force. */}
      <ConsentSection key={LANGUAGES.map((language) => settings.consent.texts[language].version).join('.')} consent={settings.consent} saver={saver} />
      <OperatorsSection settings={settings} />
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
            {status && <FleetFacts status={status} />}
          </dl>
        </section>
      )}
    </div>
  );
}
