import { useTranslation } from 'react-i18next';
import type { Check, ImageRole, Verdict } from '../../common/analysis/check';
import { breaksRequirement, remedyFor, unmetRequirements } from '../../common/analysis/requirement-rules';
import type { PrecheckResult } from '../../common/analysis/precheck';
import { isMachineText, useCheckText } from './check-text';

/** Symbols repeat the verdict's word so it never rests on colour alone. */
const SYMBOL: Record<Verdict, string> = { pass: '✓', warn: '!', fail: '✗' };

export function VerdictLabel({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  return (
    <span className={`capture-verdict capture-verdict-${verdict}`}>
      <span aria-hidden="true" className="capture-verdict-symbol">
        {SYMBOL[verdict]}
      </span>{' '}
      {t(`capture.verdict.${verdict}`)}
    </span>
  );
}

function Summary({ report, role }: { report: PrecheckResult; role: ImageRole }) {
  const { t, i18n } = useTranslation();
  const text = useCheckText();
  const fails = report.checks.filter((check) => check.verdict === 'fail');
  const warns = report.checks.filter((check) => check.verdict === 'warn');
  const unmet = unmetRequirements(role, report.checks);
  const names = (checks: readonly Check[]) => new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(checks.map((check) => text.name(check)));
  let summary: string;
  if (report.blocked) summary = t('capture.report.blocked', { reasons: names(fails.filter((check) => check.hard)) });
  else if (unmet.length > 0) summary = t(remedyFor(unmet) === 'fix' ? 'capture.report.requirementFix' : 'capture.report.requirementRetake', { reasons: names(unmet) });
  else if (fails.length > 0) summary = t('capture.report.failing', { fail: text.number(fails.length), warn: text.number(warns.length) });
  else if (warns.length > 0) summary = t('capture.report.warnings', { warn: text.number(warns.length) });
  else summary = t('capture.report.allPassed');
  return <p className={`capture-summary capture-summary-${report.blocked || unmet.length > 0 ? 'blocked' : report.verdict}`}>{summary}</p>;
}

/**
 * The pre-check as a table: what was measured, against which rule, the verdict, and what to do.
 * A failure of one of Progeny's requirements is marked as one no override can accept.
 */
export function ReportCard({ report, role }: { report: PrecheckResult; role: ImageRole }) {
  const { t } = useTranslation();
  const text = useCheckText();
  return (
    <div className="capture-report">
      <Summary report={report} role={role} />
      <div className="capture-report-scroll">
        <table>
          <caption>{t('capture.report.caption', { role: t(`words.role.${role}`) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('capture.report.column.check')}</th>
              <th scope="col">{t('capture.report.column.measured')}</th>
              <th scope="col">{t('capture.report.column.required')}</th>
              <th scope="col">{t('capture.report.column.result')}</th>
              <th scope="col">{t('capture.report.column.guidance')}</th>
            </tr>
          </thead>
          <tbody>
            {report.checks.map((check) => (
              <tr key={check.id} className={`capture-row-${check.verdict}`}>
                <th scope="row">{text.name(check)}</th>
                <td>{isMachineText(check.id) && typeof check.value === 'string' ? <code dir="ltr">{check.value}</code> : <bdi>{text.value(check)}</bdi>}</td>
                <td>{text.threshold(check)}</td>
                <td>
                  <VerdictLabel verdict={check.verdict} />
                  {(check.verdict === 'fail' && check.hard === true) || breaksRequirement(role, check) ? <span className="capture-hard"> {t('capture.report.hard')}</span> : null}
                </td>
                <td>{check.verdict === 'pass' ? null : text.guidance(check)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
