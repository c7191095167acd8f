import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callMain } from '../app/call-main';
import { isServiceId } from '../../common/services/catalog';
import { useStationList } from './use-station-list';
import { DOCUMENT_SERVICES } from './workflows';

export interface DocumentHolder {
  name: string;
  dateOfBirth: string | null;
}

/** Enough recent reads to find today's customers without scrolling through the whole history. */
const SHOWN = 20;
const loadDocuments = () => callMain('history:search', { services: [...DOCUMENT_SERVICES], outcomes: ['verified'], limit: 100 });

/** Background check: copy the holder's name and birth date from a document read earlier. */
export function DocumentPrefill({ onPick }: { onPick: (holder: DocumentHolder) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const documents = useStationList(loadDocuments);
  const [picked, setPicked] = useState('');
  const records = documents.kind === 'loaded' ? documents.items.filter((record) => record.subject.name).slice(0, SHOWN) : [];
  const readAt = (at: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(at);
  // A birth date is a calendar day, not an instant: format it in UTC so no time zone shifts it.
  const birthDate = (iso: string) => {
    const date = new Date(`${iso}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
  };
  const note =
    documents.kind === 'loading'
      ? t('verify.prefill.loading')
      : documents.kind === 'failed'
        ? t('verify.prefill.loadFailed', { message: documents.message })
        : records.length === 0
          ? t('verify.prefill.none')
          : picked
            ? t('verify.prefill.filled')
            : null;
  return (
    <div className="field verify-field">
      <label htmlFor={id}>{t('verify.prefill.select')}</label>
      <select
        id={id}
        value={picked}
        disabled={records.length === 0}
        aria-describedby={note ? `${id}-note` : undefined}
        onChange={(event) => {
          const record = records.find((candidate) => candidate.id === event.target.value);
          setPicked(record?.id ?? '');
          if (record?.subject.name) onPick({ name: record.subject.name, dateOfBirth: record.subject.dateOfBirth });
        }}
      >
        <option value="">{t('verify.prefill.choose')}</option>
        {records.map((record) => {
          const values = {
            name: record.subject.name ?? '',
            service: isServiceId(record.service) ? t(`words.service.${record.service}`) : record.service,
            date: readAt(record.finishedAt ?? record.createdAt),
          };
          return (
            <option key={record.id} value={record.id}>
              {record.subject.dateOfBirth ? t('verify.prefill.option', { ...values, birthDate: birthDate(record.subject.dateOfBirth) }) : t('verify.prefill.optionNoBirthDate', values)}
            </option>
          );
        })}
      </select>
      {note && (
        <p id={`${id}-note`} className={documents.kind === 'failed' ? 'error' : 'verify-hint'}>
          {note}
        </p>
      )}
    </div>
  );
}
