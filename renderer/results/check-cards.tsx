import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerificationResult } from '../../common/contract';
import { formatNumber } from './format';
import { issueGuidance, riskLevelText } from './reason-text';
import { CheckOutcome, Facts, ResultCard, YesNo } from './result-card';

type Maybe<T> = T | null;

function NumberOrNone({ value, fractionDigits }: { value: number | null; fractionDigits?: number }) {
  const { t, i18n } = useTranslation();
  return <>{value === null ? t('results.card.notReported') : formatNumber(value, i18n.language, fractionDigits)}</>;
}

export function LivenessCard({ liveness }: { liveness: Maybe<VerificationResult['liveness']> }) {
  const { t } = useTranslation();
  return (
    <ResultCard title={t('results.card.liveness.title')}>
      <Facts
        items={[
          [t('results.card.result'), <CheckOutcome key="result" passed={liveness?.passed ?? null} />],
          [t('results.card.liveness.score'), <NumberOrNone key="score" value={liveness?.score ?? null} />],
          [t('results.card.liveness.quality'), <NumberOrNone key="quality" value={liveness?.quality ?? null} />],
          [t('results.card.liveness.probability'), <NumberOrNone key="probability" value={liveness?.probability ?? null} />],
        ]}
      />
    </ResultCard>
  );
}

/**
 * authenticate_face compares the selfie with a registered face and gives a score; the kyc services
 * compare it with the document's portrait and only say whether it matched.
 */
export function FaceMatchCard({ result, registeredUuid }: { result: VerificationResult; registeredUuid: string | null }) {
  const { t, i18n } = useTranslation();
  const authentication = result.authentication;
  const passed = authentication ? authentication.passed : result.compare;
  const percent = authentication?.scorePercent ?? null;
  const against = registeredUuid
    ? t('results.card.faceMatch.registeredPerson', { uuid: registeredUuid })
    : authentication
      ? t('results.card.notReported')
      : t('results.card.faceMatch.documentPhoto');
  return (
    <ResultCard title={t('results.card.faceMatch.title')}>
      <Facts
        items={[
          [t('results.card.result'), <CheckOutcome key="result" passed={passed} />],
          [t('results.card.faceMatch.score'), percent === null ? t('results.card.notReported') : t('results.card.faceMatch.scoreValue', { percent: formatNumber(percent, i18n.language, 1) })],
          [t('results.card.faceMatch.against'), against],
        ]}
      />
    </ResultCard>
  );
}

export function BackgroundCard({ background }: { background: Maybe<VerificationResult['backgroundCheck']> }) {
  const { t } = useTranslation();
  const match = background?.potentialMatch ?? null;
  return (
    <ResultCard title={t('results.card.background.title')} className={match ? 'result-card-alert' : undefined}>
      <Facts
        items={[
          [t('results.card.result'), <CheckOutcome key="result" passed={match === null ? null : !match} />],
          [t('results.card.background.potentialMatch'), <YesNo key="match" value={match} />],
          [t('results.card.background.riskLevel'), riskLevelText(background?.riskLevel ?? null, t)],
          [t('results.card.background.totalMatches'), <NumberOrNone key="total" value={background?.totalMatches ?? null} fractionDigits={0} />],
        ]}
      />
    </ResultCard>
  );
}

export function RegistrationCard({ registration, passed }: { registration: Maybe<VerificationResult['registration']>; passed: boolean | null }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const uuid = registration?.uuid ?? null;
  const copyId = async (value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <ResultCard title={t('results.card.registration.title')}>
      <Facts
        items={[
          [t('results.card.result'), <CheckOutcome key="result" passed={passed} />],
          [
            t('results.card.registration.personId'),
            uuid === null ? (
              t('results.card.notReported')
            ) : (
              <span key="uuid" className="person-id">
                <code>{uuid}</code>
                <button type="button" aria-label={t('results.card.registration.copyLabel')} onClick={() => void copyId(uuid)}>
                  {t('results.card.registration.copy')}
                </button>
              </span>
            ),
          ],
        ]}
      />
      <p role="status" className="result-note">
        {copy === 'copied' ? t('results.card.registration.copied') : ''}
      </p>
      {copy === 'failed' && (
        <p role="alert" className="error">
          {t('results.card.registration.copyFailed')}
        </p>
      )}
    </ResultCard>
  );
}

export function IssuesCard({ issues }: { issues: VerificationResult['issues'] }) {
  const { t } = useTranslation();
  return (
    <ResultCard title={t('results.card.issues.title')} className="result-card-wide">
      <ul className="issue-list">
        {issues.map((issue) => (
          <li key={`${issue.check}:${issue.code}`}>
            <p className="issue-line">{t('results.issue.line', { message: issue.message, code: issue.code })}</p>
            <p>
              <strong>{t('results.card.issues.whatToDo')}</strong> {issueGuidance(issue.code, t)}
            </p>
          </li>
        ))}
      </ul>
    </ResultCard>
  );
}
