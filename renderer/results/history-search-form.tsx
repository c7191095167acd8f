import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_IDS } from '../../common/services/catalog';
import { asMode, asService, datesReversed, isOutcome, OUTCOMES, type HistoryFilters } from './history-filters';

interface Props {
  filters: HistoryFilters;
  /** `typing`: a keystroke in the text box, which the view debounces; everything else applies at once. */
  onChange: (filters: HistoryFilters, typing: boolean) => void;
  onSubmit: () => void;
  onClear: () => void;
}

export function HistorySearchForm({ filters, onChange, onSubmit, onClear }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const reversed = datesReversed(filters);
  const set = (patch: Partial<HistoryFilters>) => onChange({ ...filters, ...patch }, false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="history-form" role="search" aria-label={t('results.history.form')} onSubmit={submit}>
      <div className="history-field history-field-text">
        <label htmlFor={`${id}-text`}>{t('results.history.text')}</label>
        <input id={`${id}-text`} type="search" maxLength={200} autoComplete="off" value={filters.text} onChange={(event) => onChange({ ...filters, text: event.target.value }, true)} />
      </div>
      <div className="history-field">
        <label htmlFor={`${id}-service`}>{t('results.history.service')}</label>
        <select id={`${id}-service`} value={filters.service} onChange={(event) => set({ service: asService(event.target.value) })}>
          <option value="">{t('results.history.all')}</option>
          {SERVICE_IDS.map((service) => (
            <option key={service} value={service}>
              {t(`words.service.${service}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="history-field">
        <label htmlFor={`${id}-outcome`}>{t('results.history.outcome')}</label>
        <select id={`${id}-outcome`} value={filters.outcome} onChange={(event) => set({ outcome: isOutcome(event.target.value) ? event.target.value : '' })}>
          <option value="">{t('results.history.all')}</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`words.verdict.${outcome}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="history-field">
        <label htmlFor={`${id}-mode`}>{t('results.history.mode')}</label>
        <select id={`${id}-mode`} value={filters.mode} onChange={(event) => set({ mode: asMode(event.target.value) })}>
          <option value="">{t('results.history.all')}</option>
          <option value="training">{t('words.mode.training')}</option>
          <option value="live">{t('words.mode.live')}</option>
        </select>
      </div>
      <div className="history-field">
        <label htmlFor={`${id}-from`}>{t('results.history.from')}</label>
        <input id={`${id}-from`} type="date" value={filters.from} aria-describedby={reversed ? `${id}-dates` : undefined} onChange={(event) => set({ from: event.target.value })} />
      </div>
      <div className="history-field">
        <label htmlFor={`${id}-to`}>{t('results.history.to')}</label>
        <input
          id={`${id}-to`}
          type="date"
          value={filters.to}
          aria-invalid={reversed || undefined}
          aria-describedby={reversed ? `${id}-dates` : undefined}
          onChange={(event) => set({ to: event.target.value })}
        />
      </div>
      <div className="history-form-buttons">
        <button type="submit" className="primary">
          {t('results.history.search')}
        </button>
        <button type="button" onClick={onClear}>
          {t('results.history.clear')}
        </button>
      </div>
      {reversed && (
        <p id={`${id}-dates`} role="alert" className="error history-form-error">
          {t('results.history.datesReversed')}
        </p>
      )}
    </form>
  );
}
