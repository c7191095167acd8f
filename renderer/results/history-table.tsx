import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './format';
import { isOutcome } from './history-filters';
import { serviceName, stateName } from './record-details';
import type { HistoryRow } from './use-history-search';

/** The verdict when there is one, else where the record stands (queued, waiting for a person…). */
function outcomeText(row: HistoryRow, t: TFunction): string {
  if (row.tampered) return t('results.history.tampered');
  return row.verdict && isOutcome(row.verdict) ? t(`words.verdict.${row.verdict}`) : stateName(row.state, t);
}

export function HistoryTable({ rows, onOpen }: { rows: HistoryRow[]; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="history-table">
        <caption>{t('results.history.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.history.date')}</th>
            <th scope="col">{t('results.history.service')}</th>
            <th scope="col">{t('results.history.name')}</th>
            <th scope="col">{t('results.history.documentNumber')}</th>
            <th scope="col">{t('results.history.outcome')}</th>
            <th scope="col">{t('results.history.mode')}</th>
            <th scope="col">{t('results.history.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const date = formatDateTime(row.createdAt, i18n.language);
            const name = row.subject.name;
            return (
              <tr key={row.id} className={row.mode === 'training' ? 'history-row-training' : undefined}>
                <td>{date}</td>
                <td>{serviceName(row.service, t)}</td>
                <td>
                  {name ?? <span className="history-none">{t('results.history.notRecorded')}</span>}
                  {row.customer?.reference && <span className="history-reference"> ({row.customer.reference})</span>}
                  {row.unreadable && <span className="history-unreadable"> ({t('results.history.unreadable')})</span>}
                </td>
                <td>{row.subject.documentNumber ?? <span className="history-none">{t('results.history.notRecorded')}</span>}</td>
                <td className={`history-outcome history-outcome-${row.tampered ? 'tampered' : (row.verdict ?? 'pending')}`}>{outcomeText(row, t)}</td>
                <td>{t(`words.mode.${row.mode}`)}</td>
                <td>
                  <button type="button" aria-label={name ? t('results.history.openNamed', { name, date }) : t('results.history.openDated', { date })} onClick={() => onOpen(row.id)}>
                    {t('results.history.open')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
