import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryDetail } from '../../common/contract';
import { adviceText, fieldMessage, reasonText } from './reason-text';
import { adviceFor, type Reason } from './verdict-reasons';

type Outcome = NonNullable<HistoryDetail['result']>['verdict'] | 'pending';

const SYMBOL: Record<Outcome, string> = { verified: '✓', 'not-verified': '✗', 'needs-review': '!', pending: '…' };

/**
 * The answer first: the verdict in words with a symbol, then why (each reason once), then what to
 * do (each advice once: two image problems need one new picture). A record without a result yet
 * has no verdict; the banner says it is not finished and where it stands.
 */
export function VerdictBanner({ detail, reasons }: { detail: HistoryDetail; reasons: Reason[] }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const adviceId = useId();
  const outcome: Outcome = detail.result?.verdict ?? 'pending';
  const title = outcome === 'pending' ? t('results.banner.pending') : t(`words.verdict.${outcome}`);
  const refused = Object.entries(detail.error?.fields ?? {});
  const advice = adviceFor(reasons);
  return (
    <section className={`verdict-banner verdict-${outcome}`} aria-labelledby={headingId}>
      {detail.mode === 'training' && (
        <p className="result-training">
          <strong>{t('results.training')}</strong> {t('results.trainingDetail')}
        </p>
      )}
      <h2 id={headingId} className="verdict-title">
        <span className="verdict-symbol" aria-hidden="true">
          {SYMBOL[outcome]}
        </span>
        {title}
      </h2>
      <ul className="verdict-reasons" aria-label={t('results.banner.reasons')}>
        {reasons.map((reason, index) => (
          <li key={index}>{reasonText(reason, t, i18n.language)}</li>
        ))}
        {refused.map(([field, messages]) => (
          <li key={`refused-${field}`}>{t('results.reason.refusedField', { field, messages: messages.map((message) => fieldMessage(message, t)).join(' ') })}</li>
        ))}
      </ul>
      {advice.length > 0 && (
        <>
          <h3 id={adviceId} className="verdict-advice-title">
            {t('results.banner.whatToDo')}
          </h3>
          <ul className="verdict-advice" aria-labelledby={adviceId}>
            {advice.map((cause) => (
              <li key={cause}>{adviceText(cause, t)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
