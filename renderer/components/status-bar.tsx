import { useTranslation } from 'react-i18next';
import { useStation } from '../app/store-context';
import { LockButton } from './lock-screen';

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const status = useStation((s) => s.status);
  if (!status) {
    return (
      <footer className="status-bar" aria-label={t('status.label')}>
        <p role="status">{t('status.loading')}</p>
      </footer>
    );
  }
  const connectivity = {
    unknown: t('status.connectivityUnknown'),
    online: t('status.connectivityOnline'),
    offline: t('status.connectivityOffline'),
  }[status.connectivity];
  const queue = status.queueSize === null ? t('status.queueUnavailable') : new Intl.NumberFormat(i18n.language).format(status.queueSize);
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      {/* The live region wraps the list: a role on the <dl> itself would hide its terms and values. */}
      <div role="status">
        <dl>
          <div className={`status-item mode-${status.mode}`}>
            <dt>{t('status.mode')}</dt>
            <dd>{status.mode === 'training' ? t('status.modeTraining') : t('status.modeLive')}</dd>
          </div>
          <div className={`status-item connectivity-${status.connectivity}`}>
            <dt>{t('status.connectivity')}</dt>
            <dd>{connectivity}</dd>
          </div>
          <div className="status-item">
            <dt>{t('status.queue')}</dt>
            <dd>{queue}</dd>
          </div>
          {status.operator && (
            <div className="status-item operator">
              <dt>{t('accounts.signedIn')}</dt>
              <dd>{t('accounts.whoRole', { name: status.operator.name, role: t(`accounts.roles.${status.operator.role}`) })}</dd>
            </div>
          )}
        </dl>
      </div>
      <LockButton />
    </footer>
  );
}
