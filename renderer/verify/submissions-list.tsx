import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { UploadProgress } from '../components/upload-progress';
import { useStation } from '../app/store-context';
import { words } from '../i18n/areas/words';
import { useElapsedText } from './elapsed';
import { useNow } from './use-now';
import { useSubmissionStatus } from './use-submission-status';
import type { Submission } from './verify-session';

type StateName = keyof typeof words.en.state;
type VerdictName = keyof typeof words.en.verdict;
const isStateName = (state: string): state is StateName => Object.hasOwn(words.en.state, state);
const isVerdictName = (verdict: string | null): verdict is VerdictName => verdict !== null && Object.hasOwn(words.en.verdict, verdict);

/**
 * What was sent from this screen, so the operator can serve the next customer while these finish.
 * The one just sent is confirmed in words at the top ("Queued: … for …"); the form focuses that line,
 * which scrolls the panel into view, and Ctrl+Enter / Alt+S still work from it.
 */
export function SubmissionsList({ submissions, justSent = null }: { submissions: readonly Submission[]; justSent?: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  if (submissions.length === 0) return null;
  const sent = justSent ? submissions.find((submission) => submission.id === justSent) : undefined;
  const service = sent ? t(`words.service.${sent.service}`) : '';
  return (
    <section className="verify-submissions" aria-labelledby={id}>
      <h2 id={id}>{t('verify.submissions.heading')}</h2>
      {sent && (
        // Keyed by the submission: each confirmation is a new line, announced and focused afresh.
        <p key={sent.id} className="verify-confirmation" tabIndex={-1}>
          {sent.customer ? t('verify.submissions.queuedFor', { service, customer: sent.customer }) : t('verify.submissions.queued', { service })}
        </p>
      )}
      <ol>
        {submissions.map((submission) => (
          <li key={submission.id}>
            <SubmissionCard submission={submission} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function SubmissionCard({ submission }: { submission: Submission }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const showResult = useStation((s) => s.showResult);
  const { status, lookupError } = useSubmissionStatus(submission.id);
  const now = useNow(status !== null && !status.final);
  const elapsed = useElapsedText();
  const submittedAt = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(submission.submittedAt);
  return (
    // A live region for state and verdict changes; the ticking time is kept out of it (aria-live off).
    <div role="status" aria-atomic="false" aria-labelledby={`${id}-title`} className="verify-submission">
      <h3 id={`${id}-title`}>{t('verify.submissions.title', { service: t(`words.service.${submission.service}`) })}</h3>
      <p className="verify-hint">{t('verify.submissions.submittedAt', { time: submittedAt })}</p>
      {status ? (
        <dl className="facts">
          <dt>{t('verify.submissions.state')}</dt>
          <dd>
            {isStateName(status.state) ? t(`words.state.${status.state}`) : t('words.unknown')}
            <UploadProgress id={submission.id} />
          </dd>
          {!status.final && (
            <>
              <dt>{t('verify.submissions.inState')}</dt>
              <dd aria-live="off">{elapsed(now - status.updatedAt)}</dd>
            </>
          )}
          <dt>{t('verify.submissions.attempts')}</dt>
          <dd>{status.attempts}</dd>
          {status.final && (
            <>
              <dt>{t('verify.submissions.result')}</dt>
              <dd>{isVerdictName(status.verdict) ? t(`words.verdict.${status.verdict}`) : t('verify.submissions.noVerdict')}</dd>
            </>
          )}
        </dl>
      ) : (
        !lookupError && <p>{t('verify.submissions.looking')}</p>
      )}
      {lookupError && <p className="error">{t('verify.submissions.lookupFailed', { message: lookupError })}</p>}
      {status?.final && (
        <button type="button" aria-describedby={`${id}-title`} onClick={() => showResult(submission.id)}>
          {t('verify.submissions.openResult')}
        </button>
      )}
    </div>
  );
}
