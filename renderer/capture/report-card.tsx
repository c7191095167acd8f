import { useId, useState } from 'react';
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

const ORDER: Record<Verdict, number> = { fail: 0, warn: 1, pass: 2 };

function CheckRow({ check, role }: { check: Check; role: ImageRole }) {
  const { t } = useTranslation();
  const text = useCheckText();
  return (
    <tr className={`capture-row-${check.verdict}`}>
      <th scope="row">{text.name(check)}</th>
      <td>{isMachineText(check.id) && typeof check.value === 'string' ? <code dir="ltr">{check.value}</code> : <bdi>{text.value(check)}</bdi>}</td>
      <td>{text.threshold(check)}</td>
      <td>
        <VerdictLabel verdict={check.verdict} />
        {(check.verdict === 'fail' && check.hard === true) || breaksRequirement(role, check) ? <span className="capture-hard"> {t('capture.report.hard')}</span> : null}
      </td>
      <td>{check.verdict === 'pass' ? null : text.guidance(check)}</td>
    </tr>
  );
}

/**
 * The pre-check as a table: what was measured, against which rule, the verdict, and what to do.
 * Failures and warnings come first; the passed checks are folded behind "n checks passed" (a
 * disclosure button), so the rows that need the operator are on screen, not 3,000 px below.
 * A failure of one of Progeny's requirements is marked as one no override can accept.
 */
export function ReportCard({ report, role }: { report: PrecheckResult; role: ImageRole }) {
  const { t } = useTranslation();
  const text = useCheckText();
  const passedId = useId();
  const [showPassed, setShowPassed] = useState(false);
  // A stable sort: within a verdict the checks keep the engine's order.
  const problems = report.checks.filter((check) => check.verdict !== 'pass').sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict]);
  const passed = report.checks.filter((check) => check.verdict === 'pass');
  const rowsShown = problems.length > 0 || (showPassed && passed.length > 0);
  return (
    <div className="capture-report">
      <Summary report={report} role={role} />
      <div className="capture-report-scroll">
        <table>
          <caption>{t('capture.report.caption', { role: t(`words.role.${role}`) })}</caption>
          {rowsShown ? (
            <thead>
              <tr>
                <th scope="col">{t('capture.report.column.check')}</th>
                <th scope="col">{t('capture.report.column.measured')}</th>
                <th scope="col">{t('capture.report.column.required')}</th>
                <th scope="col">{t('capture.report.column.result')}</th>
                <th scope="col">{t('capture.report.column.guidance')}</th>
              </tr>
            </thead>
          ) : null}
          <tbody>
            {problems.map((check) => (
              <CheckRow key={check.id} check={check} role={role} />
            ))}
          </tbody>
          <tbody id={passedId} hidden={!showPassed}>
            {showPassed ? passed.map((check) => <CheckRow key={check.id} check={check} role={role} />) : null}
          </tbody>
        </table>
      </div>
      {passed.length > 0 ? (
        <button type="button" className="capture-report-fold" aria-expanded={showPassed} aria-controls={passedId} onClick={() => setShowPassed((open) => !open)}>
          <span aria-hidden="true">{showPassed ? '▾' : '▸'}</span> {passed.length === 1 ? t('capture.report.passedOne') : t('capture.report.passedMany', { number: text.number(passed.length) })}
        </button>
      ) : null}
    </div>
  );
}
