import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerificationResult } from '../../common/contract';
import { livenessReading, qualityReading, similarityReading } from '../../common/services/score-scales';
import { formatNumber } from './format';
import { riskLevelText } from './reason-text';
import { CheckOutcome, Facts, ResultCard, YesNo } from './result-card';
import { ScoreFigure } from './score-figure';

type Maybe<T> = T | null;

function NumberOrNone({ value, fractionDigits }: { value: number | null; fractionDigits?: number }) {
  const { t, i18n } = useTranslation();
  return <>{value === null ? t('results.card.notReported') : formatNumber(value, i18n.language, fractionDigits)}</>;
}

/** Liveness as two percentages (Progeny's log-odds `score` is the same fact as `probability`: it stays in the details for support). */
export function LivenessCard({ liveness, training }: { liveness: Maybe<VerificationResult['liveness']>; training: boolean }) {
  const { t } = useTranslation();
  return (
    <ResultCard title={t('results.card.liveness.title')}>
      <Facts
        items={[
          [t('results.card.result'), <CheckOutcome key="result" passed={liveness?.passed ?? null} />],
          [t('results.card.liveness.probability'), <ScoreFigure key="probability" reading={livenessReading(liveness)} training={training} />],
          [t('results.card.liveness.quality'), <ScoreFigure key="quality" reading={qualityReading(liveness)} training={training} />],
        ]}
      />
    </ResultCard>
  );
}

/**
 * authenticate_face compares the selfie with a registered face and gives a score; the kyc services
 * compare it with the document's portrait and only say whether it matched.
 */
export function FaceMatchCard({ result, registeredUuid, training }: { result: VerificationResult; registeredUuid: string | null; training: boolean }) {
  const { t } = useTranslation();
  const authentication = result.authentication;
  const passed = authentication ? authentication.passed : result.compare;
  const against = registeredUuid ? t('results.card.faceMatch.registeredPerson', { uuid: registeredUuid }) : authentication ? t('results.card.notReported') : t('results.card.faceMatch.documentPhoto');
  return (
    <ResultCard title={t('results.card.faceMatch.title')}>
      <Facts
        items={[
          [t('results.card.result'), <CheckOutcome key="result" passed={passed} />],
          [t('results.card.faceMatch.score'), <ScoreFigure key="score" reading={similarityReading(authentication ?? result.compareScores ?? null)} training={training} />],
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
