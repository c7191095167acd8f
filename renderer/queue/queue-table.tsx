import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../common/contract';
import type { Mode } from '../../common/vocabulary';
import { explainProblem } from './problem-text';
import { canCancel, canRetry, needsResolving } from './row-actions';
import { useStation } from '../app/store-context';
import { UploadProgress } from '../components/upload-progress';
import { customerLabel } from '../verify/customer-label';
import { modeName, serviceName, stateName } from './shared-names';
import { formatDuration, formatIn } from './time-format';

interface QueueTableProps {
  rows: QueueRow[];
  now: number;
  stationMode: Mode | null;
  /** "KYC with passport, queued 14:32": names the row in action labels, outcomes and dialogs. */
  labelOf: (row: QueueRow) => string;
  onRetry: (row: QueueRow) => void;
  onCancel: (row: QueueRow) => void;
  onResolve: (row: QueueRow) => void;
}

export function QueueTable({ rows, now, stationMode, labelOf, onRetry, onCancel, onResolve }: QueueTableProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const numbers = new Intl.NumberFormat(language);
  // main lists the oldest open items only; the status carries how many there are in all.
  const total = useStation((s) => s.status?.queueSize ?? null);

  const nextRetry = (row: QueueRow) => {
    if (row.nextAttemptAt === null) return <span className="muted">{t('queue.nextRetryNone')}</span>;
    if (row.nextAttemptAt <= now) return t('queue.nextRetryDue');
    return formatIn(row.nextAttemptAt - now, language);
  };

  return (
    <div className="table-scroll">
      {total !== null && total > rows.length && <p className="queue-partial">{t('queue.partial', { shown: numbers.format(rows.length), total: numbers.format(total) })}</p>}
      <table className="queue-table">
        <caption>{t('queue.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('queue.column.service')}</th>
            <th scope="col">{t('customer.queueColumn')}</th>
            <th scope="col">{t('queue.column.state')}</th>
            <th scope="col">{t('queue.column.inState')}</th>
            <th scope="col">{t('queue.column.attempts')}</th>
            <th scope="col">{t('queue.column.nextRetry')}</th>
            <th scope="col">{t('queue.column.mode')}</th>
            <th scope="col">{t('queue.column.problem')}</th>
            <th scope="col">{t('queue.column.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const label = labelOf(row);
            const problem = explainProblem(t, row);
            return (
              <tr key={row.id} className={`queue-row state-${row.state}`}>
                <th scope="row">{serviceName(t, row.service)}</th>
                <td>{customerLabel(t, row.customer) ?? t('customer.none')}</td>
                <td>
                  <span className="state-name">{stateName(t, row.state)}</span>
                  <UploadProgress id={row.id} />
                  {stationMode !== null && row.mode !== stationMode && <span className="waits-for-mode">{t('queue.waitsForMode', { mode: modeName(t, row.mode) })}</span>}
                </td>
                <td>{formatDuration(now - row.updatedAt, language)}</td>
                <td>{numbers.format(row.attempts)}</td>
                <td>{nextRetry(row)}</td>
                <td>{modeName(t, row.mode)}</td>
                <td>
                  {problem && <p className="problem">{problem}</p>}
                  {row.errorMessage && <p className="problem-detail">{t('queue.problem.detail', { message: row.errorMessage })}</p>}
                </td>
                <td>
                  <div className="row-actions">
                    {needsResolving(row) && (
                      <button type="button" aria-label={t('queue.actions.resolveFor', { row: label })} onClick={() => onResolve(row)}>
                        {t('queue.actions.resolve')}
                      </button>
                    )}
                    {canRetry(row) && (
                      <button type="button" aria-label={t('queue.actions.retryFor', { row: label })} onClick={() => onRetry(row)}>
                        {t('queue.actions.retry')}
                      </button>
                    )}
                    {canCancel(row) && (
                      <button type="button" aria-label={t('queue.actions.cancelFor', { row: label })} onClick={() => onCancel(row)}>
                        {t('queue.actions.cancel')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
