import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TextField } from '../../common/services/catalog';
import { callMain } from '../app/call-main';
import { customerLabel } from './customer-label';
import { TextFieldInput } from './text-field-input';
import { useStationList } from './use-station-list';

const loadPeople = () => callMain('history:persons');

interface Props {
  field: TextField;
  value: string;
  onChange: (value: string) => void;
  rejection: string | null;
}

/** Authenticate face: pick someone this station registered, or paste the id Progeny gave elsewhere. */
export function PersonField({ field, value, onChange, rejection }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const people = useStationList(loadPeople);
  const items = people.kind === 'loaded' ? people.items : [];
  const chosen = items.some((person) => person.uuid === value.trim()) ? value.trim() : '';
  const date = (at: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(at);
  const note =
    people.kind === 'loading'
      ? t('verify.person.loading')
      : people.kind === 'failed'
        ? t('verify.person.loadFailed', { message: people.message })
        : items.length === 0
          ? t('verify.person.none')
          : null;
  return (
    <>
      <div className="field verify-field">
        <label htmlFor={id}>{t('verify.person.select')}</label>
        <select id={id} value={chosen} disabled={items.length === 0} aria-describedby={note ? `${id}-note` : undefined} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('verify.person.choose')}</option>
          {items.map((person) => (
            <option key={person.verificationId} value={person.uuid}>
              {t('verify.person.option', {
                name: customerLabel(t, { name: person.name, reference: person.reference ?? null }) ?? t('verify.person.unnamed'),
                date: date(person.registeredAt),
                id: `${person.uuid.slice(0, 8)}…`,
              })}
            </option>
          ))}
        </select>
        {note && (
          <p id={`${id}-note`} className={people.kind === 'failed' ? 'error' : 'verify-hint'}>
            {note}
          </p>
        )}
      </div>
      <TextFieldInput field={field} value={value} onChange={onChange} rejection={rejection} hint={t('verify.person.pasteHint')} />
    </>
  );
}
