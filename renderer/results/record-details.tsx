import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { HistoryDetail } from '../../common/contract';
import { readPrecheckRecord } from '../../common/precheck-record';
import { isServiceId } from '../../common/services/catalog';
import { QUEUE_STATES } from '../../common/vocabulary';
import { useCheckText } from '../capture/check-text';
import { formatDateTime, formatNumber } from './format';
import { Facts, ResultCard } from './result-card';

const KNOWN_INPUTS = ['fullname', 'birth_date', 'uuid'] as const;

type T = TFunction;

export function stateName(state: string, t: T): string {
  const known = QUEUE_STATES.find((candidate) => candidate === state);
  return known ? t(`words.state.${known}`) : state;
}

export function serviceName(service: string, t: T): string {
  return isServiceId(service) ? t(`words.service.${service}`) : service;
}

function inputName(field: string, t: T): string {
  const known = KNOWN_INPUTS.find((candidate) => candidate === field);
  return known ? t(`results.inputs.${known}`) : field;
}

/** The text inputs as submitted (background check's name and birth date, the registered id). */
export function InputsCard({ fields }: { fields: HistoryDetail['fields'] }) {
  const { t } = useTranslation();
  return (
    <ResultCard title={t('results.inputs.title')}>
      <Facts items={Object.entries(fields).map(([field, value]) => [inputName(field, t), value])} />
    </ResultCard>
  );
}

/** Failing pre-checks the operator sent anyway (named in words, not by check id), and the reason they gave. */
export function OverrideCard({ detail }: { detail: HistoryDetail }) {
  const { t } = useTranslation();
  const checkText = useCheckText();
  const overridden = (readPrecheckRecord(detail.prechecks)?.overridden ?? []).map((id) => checkText.name({ id }));
  if (!detail.overrideReason) return null;
  return (
    <ResultCard title={t('results.override.title')} className="result-card-wide result-card-alert">
      <Facts items={[[t('results.override.reason'), detail.overrideReason], ...(overridden.length > 0 ? [[t('results.override.checks'), overridden.join(', ')] as [string, string]] : [])]} />
    </ResultCard>
  );
}

export function DetailsCard({ detail }: { detail: HistoryDetail }) {
  const { t, i18n } = useTranslation();
  const when = (ms: number | null) => (ms === null ? t('results.details.notYet') : formatDateTime(ms, i18n.language));
  return (
    <ResultCard title={t('results.details.title')} className="result-card-wide">
      {detail.tampered && (
        <p role="alert" className="error-banner">
          {t('results.details.tampered')}
        </p>
      )}
      {detail.unreadableColumns.length > 0 && <p className="warning-banner">{t('results.details.unreadable', { columns: detail.unreadableColumns.join(', ') })}</p>}
      <Facts
        items={[
          [t('results.details.service'), serviceName(detail.service, t)],
          [t('results.details.mode'), t(`words.mode.${detail.mode}`)],
          [t('results.details.state'), stateName(detail.state, t)],
          [t('results.details.created'), when(detail.createdAt)],
          [t('results.details.finished'), when(detail.finishedAt)],
          [t('results.details.operator'), detail.operator ?? t('results.details.notRecorded')],
          [t('results.details.taskId'), detail.taskId ?? t('results.details.notYet')],
          [t('results.details.sends'), formatNumber(detail.sendCount, i18n.language, 0)],
        ]}
      />
    </ResultCard>
  );
}
