import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../common/contract';
import { checkRetention, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, type RetentionCheck } from './number-rules';
import { NumberField } from './number-field';
import type { SettingsSaver } from './use-settings-saver';

/** How long images and records stay on this computer. */
export function RetentionSection({ retention, saver }: { retention: Settings['retention']; saver: SettingsSaver }) {
  const { t } = useTranslation();
  const ids = { heading: useId(), intro: useId(), images: useId(), records: useId() };
  const imagesInput = useRef<HTMLInputElement>(null);
  const recordsInput = useRef<HTMLInputElement>(null);
  const [images, setImages] = useState(String(retention.imagesDays));
  const [records, setRecords] = useState(String(retention.recordsDays));
  const [check, setCheck] = useState<RetentionCheck | null>(null);
  const error = saver.errorFor('retention');

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = checkRetention(images, records);
    setCheck(result);
    if (result.value) void saver.save('retention', { retention: result.value });
    else (result.images ? imagesInput : recordsInput).current?.focus();
  }

  const imagesProblem = check?.images ? t(`settings.retention.${check.images}`) : null;
  const recordsProblem = check?.records === 'recordsShorter' ? t('settings.retention.recordsShorter', { days: images.trim() }) : check?.records ? t('settings.retention.recordsInvalid') : null;

  return (
    <section aria-labelledby={ids.heading} className="settings-section">
      <h2 id={ids.heading}>{t('settings.retention.heading')}</h2>
      <p id={ids.intro} className="intro">
        {t('settings.retention.intro')}
      </p>
      <form onSubmit={submit} noValidate>
        <NumberField
          ref={imagesInput}
          id={ids.images}
          label={t('settings.retention.images')}
          value={images}
          min={RETENTION_MIN_DAYS}
          max={RETENTION_MAX_DAYS}
          problem={imagesProblem}
          onChange={setImages}
        />
        <NumberField
          ref={recordsInput}
          id={ids.records}
          label={t('settings.retention.records')}
          value={records}
          min={RETENTION_MIN_DAYS}
          max={RETENTION_MAX_DAYS}
          problem={recordsProblem}
          onChange={setRecords}
        />
        {error && (
          <p role="alert" className="error">
            {t('settings.saveFailed', { message: error.message })}
          </p>
        )}
        <button type="submit">{t('settings.retention.save')}</button>
        <p role="status" className="saved">
          {saver.savedIn('retention') && t('settings.retention.saved')}
        </p>
      </form>
    </section>
  );
}
