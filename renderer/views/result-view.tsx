import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryDetail } from '../../common/contract';
import type { StationError } from '../../common/result';
import { isServiceId, SERVICES, type ResultCheck } from '../../common/services/catalog';
import { useStation } from '../app/store-context';
import { BackgroundCard, FaceMatchCard, LivenessCard, RegistrationCard } from '../results/check-cards';
import { DocumentCard } from '../results/document-card';
import { compareDocumentFields, stationMrzRead, type FieldComparison, type StationMrzRead } from '../results/field-comparison';
import { DetailsCard, InputsCard, OverrideCard } from '../results/record-details';
import { RecordImages } from '../results/record-images';
import { ResultActions } from '../results/result-actions';
import { SupportDetails } from '../results/support-details';
import { useHistoryDetail } from '../results/use-history-detail';
import { VerdictBanner } from '../results/verdict-banner';
import { verdictReasons } from '../results/verdict-reasons';
import '../styles/results.css';

/** The checks whose cards apply: the service's own, falling back to what the result carries. */
function checksOf(detail: HistoryDetail): readonly ResultCheck[] {
  if (isServiceId(detail.service)) return SERVICES[detail.service].checks;
  return detail.result ? SERVICES[detail.result.service].checks : [];
}

function CheckCards({ detail, stationRead, comparisons }: { detail: HistoryDetail; stationRead: StationMrzRead | null; comparisons: FieldComparison[] }) {
  const { result } = detail;
  if (!result) return null;
  const checks = checksOf(detail);
  const training = detail.mode === 'training';
  return (
    <div className="result-cards">
      {checks.includes('liveness') && <LivenessCard liveness={result.liveness} training={training} />}
      {(checks.includes('authentication') || checks.includes('compare')) && <FaceMatchCard result={result} registeredUuid={detail.fields.uuid ?? null} training={training} />}
      {checks.includes('registration') && <RegistrationCard registration={result.registration} passed={result.checks.registration ?? null} />}
      {checks.includes('background_check') && <BackgroundCard background={result.backgroundCheck} />}
      {checks.includes('document') && <DocumentCard document={result.document} passed={result.checks.document ?? null} comparisons={comparisons} stationRead={stationRead} />}
    </div>
  );
}

function ResultDetail({ detail }: { detail: HistoryDetail }) {
  const stationRead = useMemo(() => stationMrzRead(detail.prechecks), [detail.prechecks]);
  const document = detail.result?.document ?? null;
  const comparisons = useMemo(() => (document ? compareDocumentFields(stationRead?.fields ?? null, document.fields, stationRead?.unconfirmed) : []), [document, stationRead]);
  const reasons = useMemo(() => verdictReasons(detail, comparisons.filter((row) => row.agreement === 'differs').length), [detail, comparisons]);
  return (
    <div className={`result-view ${detail.mode === 'training' ? 'result-view-training' : ''}`}>
      <VerdictBanner detail={detail} reasons={reasons} />
      <ResultActions detail={detail} />
      <RecordImages detail={detail} />
      <CheckCards detail={detail} stationRead={stationRead} comparisons={comparisons} />
      <div className="result-cards">
        <OverrideCard detail={detail} />
        {Object.keys(detail.fields).length > 0 && <InputsCard fields={detail.fields} />}
        <DetailsCard detail={detail} />
        <SupportDetails detail={detail} />
      </div>
    </div>
  );
}

function loadErrorText(error: StationError, t: TFunction): string {
  if (error.code === 'not-found') return t('results.loadError.notFound');
  if (error.code === 'store-locked') return t('results.loadError.locked');
  return t('results.loadError.other', { message: error.message });
}

/** The result of one verification (the store's `resultId`), opened from the history, queue or a notice. */
export function ResultView() {
  const { t } = useTranslation();
  const resultId = useStation((s) => s.resultId);
  const setView = useStation((s) => s.setView);
  const { state, reload } = useHistoryDetail(resultId);
  const back = (
    <button type="button" onClick={() => setView('history')}>
      {t('results.actions.back')}
    </button>
  );

  switch (state.status) {
    case 'idle':
      return (
        <div className="result-message">
          <p>{t('results.noSelection')}</p>
          {back}
        </div>
      );
    case 'loading':
      return <p role="status">{t('results.loading')}</p>;
    case 'failed':
      return (
        <div className="result-message">
          <p role="alert" className="error">
            {loadErrorText(state.error, t)}
          </p>
          {state.error.code !== 'not-found' && (
            <button type="button" onClick={reload}>
              {t('results.retry')}
            </button>
          )}
          {back}
        </div>
      );
    case 'ready':
      return <ResultDetail detail={state.detail} />;
  }
}
