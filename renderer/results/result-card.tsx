import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One check's card: a region named by its heading, so screen readers can jump between them. */
export function ResultCard({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className={`result-card ${className ?? ''}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {children}
    </section>
  );
}

/** Pass / fail / not reported, always as a word with a symbol, never as a colour alone. */
export function CheckOutcome({ passed }: { passed: boolean | null }) {
  const { t } = useTranslation();
  if (passed === null) {
    return (
      <span className="check-outcome check-outcome-unknown">
        <span aria-hidden="true">?</span> {t('results.outcome.notReported')}
      </span>
    );
  }
  return (
    <span className={`check-outcome ${passed ? 'check-outcome-pass' : 'check-outcome-fail'}`}>
      <span aria-hidden="true">{passed ? '✓' : '✗'}</span> {passed ? t('results.outcome.passed') : t('results.outcome.failed')}
    </span>
  );
}

/** A yes / no / unknown flag in words. */
export function YesNo({ value }: { value: boolean | null }) {
  const { t } = useTranslation();
  return <>{value === null ? t('words.unknown') : value ? t('words.yes') : t('words.no')}</>;
}

export function Facts({ items }: { items: Array<[label: string, value: ReactNode]> }) {
  return (
    <dl className="result-facts">
      {items.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
