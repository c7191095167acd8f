import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../app/store-context';
import { callMain } from '../app/call-main';
import { PasswordField } from './password-field';

/**
 * The station's data is locked: the operator enters the passphrase. It is read from the input
 * once, the input is emptied straight away, and a refusal brings focus back for the next try.
 */
export function UnlockForm() {
  const { t } = useTranslation();
  const refresh = useStation((s) => s.refresh);
  const ids = { intro: useId(), passphrase: useId(), error: useId() };
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => input.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const field = input.current;
    if (!field) return;
    const passphrase = field.value;
    field.value = '';
    if (passphrase === '') {
      setError(t('settings.unlock.empty'));
      field.focus();
      return;
    }
    setError(null);
    setBusy(true);
    const result = await callMain('store:unlock', { passphrase });
    setBusy(false);
    if (result.ok) {
      await refresh();
      return;
    }
    setError(result.error.code === 'unlock-refused' ? t('settings.unlock.refused') : t('settings.unlock.failed', { message: result.error.message }));
    field.focus();
  }

  return (
    <form className="unlock-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${ids.intro}-title`} aria-describedby={ids.intro}>
      <h2 id={`${ids.intro}-title`}>{t('settings.unlock.lockedTitle')}</h2>
      <p id={ids.intro} className="intro">
        {t('settings.unlock.lockedIntro')}
      </p>
      <PasswordField ref={input} id={ids.passphrase} label={t('settings.unlock.passphrase')} autoComplete="current-password" problemId={error ? ids.error : null} />
      {error && (
        <p id={ids.error} role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('settings.unlock.unlock')}
      </button>
      {busy && <p role="status">{t('settings.unlock.working')}</p>}
    </form>
  );
}
