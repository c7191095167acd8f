import { useTranslation } from 'react-i18next';
import { TRAINING_PASS_MARKS, type ScoreReading } from '../../common/services/score-scales';
import { formatPercent } from './format';

/**
 * A score as a percentage with its pass mark: the sandbox's in training, and in live mode the plain
 * fact that Progeny decides and publishes none (its verdict is the check's result above).
 */
export function ScoreFigure({ reading, training }: { reading: ScoreReading; training: boolean }) {
  const { t, i18n } = useTranslation();
  if (reading.percent === null) return <>{t('results.card.notReported')}</>;
  const passMark = training ? t('results.score.passMarkTraining', { percent: formatPercent(TRAINING_PASS_MARKS[reading.scale], i18n.language) }) : t('results.score.passMarkLive');
  return (
    <>
      <span className="score-value">{formatPercent(reading.percent, i18n.language)}</span> <span className="score-pass-mark">({passMark})</span>
    </>
  );
}
