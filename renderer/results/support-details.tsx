import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryDetail } from '../../common/contract';
import { formatNumber } from './format';
import { Facts } from './result-card';

type Result = NonNullable<HistoryDetail['result']>;

/** Progeny's numbers exactly as reported (rounded only for reading), on their own scales. */
function rawScores(result: Result, language: string): Array<[string, string]> {
  const rows: Array<[string, number | null | undefined]> = [
    ['liveness.score', result.liveness?.score],
    ['liveness.probability', result.liveness?.probability],
    ['liveness.quality', result.liveness?.quality],
    ['authentication.matchScore', result.authentication?.matchScore],
    ['authentication.scorePercent', result.authentication?.scorePercent],
    ['compare.matchScore', result.compareScores?.matchScore],
    ['compare.scorePercent', result.compareScores?.scorePercent],
  ];
  return rows.filter((row): row is [string, number] => typeof row[1] === 'number').map(([name, value]) => [name, formatNumber(value, language, 6)]);
}

/**
 * What support needs and the operator does not: Progeny's own messages and codes as received (the
 * screen above shows them translated and merged), the raw scores, the task's state and status, and
 * Progeny's answer exactly as received.
 * Collapsed by default, one click away.
 */
export function SupportDetails({ detail }: { detail: HistoryDetail }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const headingId = useId();
  const { result } = detail;
  const refused = Object.entries(detail.error?.fields ?? {});
  return (
    <section className="result-card result-card-wide support-details" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('results.support.title')}
        </button>
      </h3>
      <div id={panelId} hidden={!open}>
        <p className="result-note">{t('results.support.intro')}</p>
        <Facts
          items={[
            [t('results.details.taskId'), detail.taskId ?? t('results.details.notYet')],
            [t('results.support.taskState'), result?.taskState ?? t('results.details.notYet')],
            [t('results.support.resultStatus'), result === null ? t('results.details.notYet') : result.resultStatus === null ? t('results.card.notReported') : String(result.resultStatus)],
            ...(result ? rawScores(result, i18n.language) : []),
            ...(detail.error?.message ? [[t('results.support.error'), detail.error.message] as [string, string]] : []),
          ]}
        />
        <div className="table-scroll">
          <table className="field-table">
            <caption>{t('results.support.messages')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.support.check')}</th>
                <th scope="col">{t('results.support.code')}</th>
                <th scope="col">{t('results.support.message')}</th>
              </tr>
            </thead>
            <tbody>
              {(result?.issues ?? []).map((issue) => (
                <tr key={`${issue.check}:${issue.code}`}>
                  <td>{issue.check}</td>
                  <td>
                    <code>{issue.code}</code>
                  </td>
                  <td lang="en">{issue.message}</td>
                </tr>
              ))}
              {refused.map(([field, messages]) => (
                <tr key={`refused:${field}`}>
                  <td>{field}</td>
                  <td>400</td>
                  <td lang="en">{messages.join(' ')}</td>
                </tr>
              ))}
              {(result?.issues.length ?? 0) + refused.length === 0 && (
                <tr>
                  <td colSpan={3}>{t('results.support.none')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {detail.raw !== undefined && detail.raw !== null && (
          <>
            <h4>{t('results.support.raw')}</h4>
            <pre className="support-raw" lang="en">
              {JSON.stringify(detail.raw, null, 2)}
            </pre>
          </>
        )}
      </div>
    </section>
  );
}
