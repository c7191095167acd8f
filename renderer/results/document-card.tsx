import { useTranslation } from 'react-i18next';
import type { VerificationResult } from '../../common/contract';
import { documentStanding } from '../../common/services/document-standing';
import type { Agreement, FieldComparison, StationMrzRead } from './field-comparison';
import { formatCalendarDate, formatNumber } from './format';
import { CheckOutcome, Facts, ResultCard } from './result-card';

const AGREEMENT_SYMBOL: Record<Agreement, string> = {
  same: '=',
  differs: '≠',
  unconfirmed: '?',
  incomparable: '~',
  'station-missing': '–',
  'progeny-missing': '–',
  'both-missing': '–',
};

function FieldValue({ value, field }: { value: string | null; field: FieldComparison['field'] }) {
  const { t, i18n } = useTranslation();
  if (value === null) return <span className="field-not-read">{t('results.fields.notRead')}</span>;
  return <>{field === 'dateOfBirth' || field === 'dateOfExpiry' ? formatCalendarDate(value, i18n.language) : value}</>;
}

/** The station's MRZ read beside Progeny's OCR, one row per field, differences marked in words. */
export function DocumentFieldTable({ comparisons, stationRead }: { comparisons: FieldComparison[]; stationRead: StationMrzRead | null }) {
  const { t } = useTranslation();
  return (
    <>
      {stationRead === null && <p className="result-note">{t('results.fields.noStationRead')}</p>}
      {stationRead && !stationRead.valid && <p className="result-note">{t('results.fields.stationReadUnchecked')}</p>}
      <div className="table-scroll">
        <table className="field-table">
          <caption>{t('results.fields.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.fields.field')}</th>
              <th scope="col">{t('results.fields.station')}</th>
              <th scope="col">{t('results.fields.progeny')}</th>
              <th scope="col">{t('results.fields.comparison')}</th>
            </tr>
          </thead>
          <tbody>
            {comparisons.map((row) => (
              <tr key={row.field} className={row.agreement === 'differs' ? 'field-differs' : undefined}>
                <th scope="row">{t(`results.fields.name.${row.field}`)}</th>
                <td>
                  <FieldValue value={row.station} field={row.field} />
                </td>
                <td>
                  <FieldValue value={row.progeny} field={row.field} />
                </td>
                <td className={`agreement agreement-${row.agreement}`}>
                  <span aria-hidden="true">{AGREEMENT_SYMBOL[row.agreement]}</span> {t(`results.fields.agreement.${row.agreement}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function DocumentCard({
  document,
  passed,
  comparisons,
  stationRead,
}: {
  document: VerificationResult['document'];
  passed: boolean | null;
  comparisons: FieldComparison[];
  stationRead: StationMrzRead | null;
}) {
  const { t, i18n } = useTranslation();
  const date = (value: string | null | undefined) => (value ? formatCalendarDate(value, i18n.language) : t('results.card.notReported'));
  const age = document?.fields.age ?? null;
  return (
    <ResultCard title={t('results.card.document.title')} className="result-card-wide">
      <Facts
        items={[
          [t('results.card.result'), <CheckOutcome key="result" passed={passed} />],
          // One statement from Progeny's two flags (is_valid, is_expired), never two rows that can contradict.
          [t('results.card.document.standing'), t(`results.card.document.standingText.${documentStanding(document)}`)],
          [t('results.card.document.expiry'), date(document?.fields.dateOfExpiry)],
          [t('results.card.document.issued'), date(document?.fields.dateOfIssue)],
          [t('results.card.document.age'), age === null ? t('results.card.notReported') : formatNumber(age, i18n.language, 0)],
        ]}
      />
      <DocumentFieldTable comparisons={comparisons} stationRead={stationRead} />
    </ResultCard>
  );
}
