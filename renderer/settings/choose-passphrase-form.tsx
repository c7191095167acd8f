import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../app/store-context';
import { callMain } from '../app/call-main';
import { checkNewPassphrase, type NewPassphraseProblem } from './passphrase-rules';
import { PasswordField } from './password-field';

/**
 * First start: the operator chooses the passphrase that protects this station's data. The
 * passphrase lives only in the two password inputs (never in React state or the store) and they
 * are emptied as soon as it has been sent.
 */
export function ChoosePassphraseForm() {
  const { t } = useTranslation();
  const refresh = useStation((s) => s.refresh);
  const ids = { intro: useId(), passphrase: useId(), repeat: useId(), error: useId() };
  const passphrase = useRef<HTMLInputElement>(null);
  const repeat = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<NewPassphraseProblem | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => passphrase.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const first = passphrase.current;
    const second = repeat.current;
    if (!first || !second) return;
    const found = checkNewPassphrase(first.value, second.value);
    setProblem(found);
    setFailure(null);
    if (found === 'tooShort') {
      first.focus();
      return;
    }
    if (found === 'mismatch') {
      second.value = '';
      second.focus();
      return;
    }
    const newPassphrase = first.value;
    first.value = '';
    second.value = '';
    setBusy(true);
    const result = await callMain('store:unlock', { newPassphrase });
    setBusy(false);
    if (result.ok) {
      await refresh();
      return;
    }
    setFailure(t('settings.unlock.failed', { message: result.error.message }));
    first.focus();
  }

  const message = problem === 'tooShort' ? t('settings.unlock.tooShort') : problem === 'mismatch' ? t('settings.unlock.mismatch') : failure;
  return (
    <form className="unlock-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${ids.intro}-title`} aria-describedby={ids.intro}>
      <h2 id={`${ids.intro}-title`}>{t('settings.unlock.newTitle')}</h2>
      <p id={ids.intro} className="intro">
        {t('settings.unlock.newIntro')}
      </p>
      <PasswordField ref={passphrase} id={ids.passphrase} label={t('settings.unlock.passphrase')} autoComplete="new-password" problemId={problem === 'tooShort' ? ids.error : null} />
      <PasswordField ref={repeat} id={ids.repeat} label={t('settings.unlock.confirm')} autoComplete="new-password" problemId={problem === 'mismatch' ? ids.error : null} />
      {message && (
        <p id={ids.error} role="alert" className="error">
          {message}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('settings.unlock.create')}
      </button>
      {busy && <p role="status">{t('settings.unlock.working')}</p>}
    </form>
  );
}
