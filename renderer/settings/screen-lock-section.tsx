import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IDLE_LOCK_MAX_MINUTES, parseWholeNumber } from './number-rules';
import { NumberField } from './number-field';
import type { SettingsSaver } from './use-settings-saver';

/** Minutes without input before the screen locks. */
export function ScreenLockSection({ minutes, saver }: { minutes: number; saver: SettingsSaver }) {
  const { t } = useTranslation();
  const ids = { heading: useId(), input: useId() };
  const input = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState(String(minutes));
  const [invalid, setInvalid] = useState(false);
  const error = saver.errorFor('idleLock');

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = parseWholeNumber(draft, 0, IDLE_LOCK_MAX_MINUTES);
    setInvalid(value === null);
    if (value === null) input.current?.focus();
    else void saver.save('idleLock', { idleLockMinutes: value });
  }

  return (
    <section aria-labelledby={ids.heading} className="settings-section">
      <h2 id={ids.heading}>{t('settings.screenLock.heading')}</h2>
      <form onSubmit={submit} noValidate>
        <NumberField
          ref={input}
          id={ids.input}
          label={t('settings.screenLock.minutes')}
          value={draft}
          min={0}
          max={IDLE_LOCK_MAX_MINUTES}
          problem={invalid ? t('settings.screenLock.invalid') : null}
          onChange={setDraft}
        />
        {error && (
          <p role="alert" className="error">
            {t('settings.saveFailed', { message: error.message })}
          </p>
        )}
        <button type="submit">{t('settings.screenLock.save')}</button>
        <p role="status" className="saved">
          {saver.savedIn('idleLock') && t('settings.screenLock.saved')}
        </p>
      </form>
    </section>
  );
}
