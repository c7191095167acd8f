import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { auditActionName, auditDetailLines } from './audit-text';
import { useAuditLog } from './use-audit-log';

/** The tamper-evident log of what operators did (sign-ins, overrides, cancels…), newest first. */
export function AuditSection() {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const { entries, error, loading, refresh } = useAuditLog();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });

  let state: string | null = null;
  if (loading) state = t('settings.audit.loading');
  else if (error?.code === 'store-locked') state = t('settings.audit.locked');
  else if (error) state = t('settings.audit.failed', { message: error.message });
  else if (entries?.length === 0) state = t('settings.audit.empty');

  return (
    <section aria-labelledby={headingId} className="settings-section">
      <h2 id={headingId}>{t('settings.audit.heading')}</h2>
      <button type="button" onClick={refresh} disabled={loading}>
        {t('settings.audit.refresh')}
      </button>
      {/* Not an alert: reading the log happens on its own when the screen opens. */}
      <p role="status" className={error ? 'error' : 'muted'}>
        {state}
      </p>
      {entries && entries.length > 0 && (
        <div className="table-scroll">
          <table className="audit-table">
            <caption>{t('settings.audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.audit.time')}</th>
                <th scope="col">{t('settings.audit.actor')}</th>
                <th scope="col">{t('settings.audit.action')}</th>
                <th scope="col">{t('settings.audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq}>
                  <td>
                    <time dateTime={new Date(entry.at).toISOString()}>{time.format(entry.at)}</time>
                  </td>
                  <td>{entry.actor}</td>
                  <th scope="row">{auditActionName(t, entry.action)}</th>
                  <td>
                    <ul className="audit-details">
                      {auditDetailLines(t, entry.details, i18n.language).map((line, index) => (
                        <li key={index}>{line}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
