import { useTranslation } from 'react-i18next';
import { useStation } from '../app/store-context';

/**
 * Says, on every screen and until the data is restored, that the store's check at start failed:
 * an audit chain broken at some entry, or verification records changed outside the station. The
 * operator cannot fix either; they must know not to rely on the history, and whom to tell.
 */
export function IntegrityBanner() {
  const { t } = useTranslation();
  const integrity = useStation((s) => s.status?.integrity ?? null);
  if (!integrity) return null;
  const auditBroken = integrity.audit === 'broken';
  const tampered = integrity.tamperedRecords;
  if (!auditBroken && tampered === 0) return null;
  return (
    <div role="alert" className="error-banner integrity-banner">
      <p>
        <strong>{t('integrity.title')}</strong>
      </p>
      {auditBroken && <p>{integrity.brokenAtSeq === null ? t('integrity.auditBroken') : t('integrity.auditBrokenAt', { seq: integrity.brokenAtSeq })}</p>}
      {tampered > 0 && <p>{t('integrity.tamperedRecords', { count: tampered })}</p>}
      <p>{t('integrity.whatToDo')}</p>
    </div>
  );
}
