import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVER_ROLES, isOneOf, OUTCOMES } from '../../common/vocabulary';
import { callMain } from '../app/call-main';
import { useStation } from '../app/store-context';
import { HistoryTable } from '../results/history-table';
import type { HistoryRow } from '../results/use-history-search';

/** Today, in the station's local time: [midnight, next midnight). */
function today(): { from: number; to: number } {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { from: start.getTime(), to: end.getTime() };
}

/**
 * "My work today": what the signed-in operator did today, counted by outcome, and the list.
 * Supervisors and administrators can switch to the whole station. Main fills in who "mine" is
 * from the session, so a page cannot ask for someone else's as its own.
 */
export function MyWorkView() {
  const { t, i18n } = useTranslation();
  const role = useStation((s) => s.status?.operator?.role ?? null);
  const showResult = useStation((s) => s.showResult);
  // Refreshes as the queue moves (a result arriving changes the counts).
  const queueSize = useStation((s) => s.queue?.length ?? 0);
  const canSeeStation = isOneOf(APPROVER_ROLES, role);
  const [scope, setScope] = useState<'mine' | 'station'>('mine');
  const [rows, setRows] = useState<HistoryRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { scope: useId(), counts: useId() };

  useEffect(() => {
    let current = true;
    void callMain('history:search', { ...today(), mine: scope === 'mine' || !canSeeStation, limit: 500 }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setRows(result.value);
        setError(null);
      } else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [scope, canSeeStation, queueSize]);

  const number = new Intl.NumberFormat(i18n.language);
  const count = (outcome: string | null) => (rows ?? []).filter((row) => (outcome === null ? !row.verdict : row.verdict === outcome)).length;
  return (
    <div className="my-work-view">
      {canSeeStation && (
        <fieldset className="scope">
          <legend id={ids.scope}>{t('accounts.scope')}</legend>
          <label>
            <input type="radio" name="my-work-scope" checked={scope === 'mine'} onChange={() => setScope('mine')} />
            {t('accounts.scopeMine')}
          </label>
          <label>
            <input type="radio" name="my-work-scope" checked={scope === 'station'} onChange={() => setScope('station')} />
            {t('accounts.scopeStation')}
          </label>
        </fieldset>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {rows && (
        <section aria-labelledby={ids.counts}>
          <h2 id={ids.counts}>{t('accounts.counts')}</h2>
          <dl className="facts" aria-labelledby={ids.counts}>
            <div>
              <dt>{t('accounts.total')}</dt>
              <dd>{number.format(rows.length)}</dd>
            </div>
            {OUTCOMES.map((outcome) => (
              <div key={outcome}>
                <dt>{t(`words.verdict.${outcome}`)}</dt>
                <dd>{number.format(count(outcome))}</dd>
              </div>
            ))}
            <div>
              <dt>{t('accounts.inProgress')}</dt>
              <dd>{number.format(count(null))}</dd>
            </div>
          </dl>
        </section>
      )}
      {rows && rows.length === 0 && <p>{t('accounts.none')}</p>}
      {rows && rows.length > 0 && (
        <section aria-label={t('accounts.list')}>
          <HistoryTable rows={rows} onOpen={showResult} />
        </section>
      )}
    </div>
  );
}
