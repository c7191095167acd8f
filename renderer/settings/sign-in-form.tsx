import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../app/store-context';
import { callMain } from '../app/call-main';

/**
 * Progeny sign-in. The password is read from its input once and the input is emptied at once: it
 * is never held in React state or the store, and main keeps it (or not) as the operator chose.
 */
export function SignInForm({ canRemember }: { canRemember: boolean }) {
  const { t } = useTranslation();
  const refresh = useStation((s) => s.refresh);
  const ids = { username: useId(), password: useId(), remember: useId(), rememberHint: useId(), error: useId() };
  const username = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<{ text: string; field: 'username' | 'password' | null } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const userField = username.current;
    const passwordField = password.current;
    if (!userField || !passwordField) return;
    const name = userField.value.trim();
    const secret = passwordField.value;
    passwordField.value = '';
    if (name === '') {
      setError({ text: t('settings.signIn.usernameMissing'), field: 'username' });
      userField.focus();
      return;
    }
    if (secret === '') {
      setError({ text: t('settings.signIn.passwordMissing'), field: 'password' });
      passwordField.focus();
      return;
    }
    setError(null);
    setBusy(true);
    const result = await callMain('credentials:sign-in', { username: name, password: secret, remember: canRemember && remember });
    setBusy(false);
    if (result.ok) {
      await refresh();
      return;
    }
    const text = result.error.code === 'credentials-not-stored' ? t('settings.signIn.notStored', { message: result.error.message }) : t('settings.signIn.failed', { message: result.error.message });
    setError({ text, field: null });
    passwordField.focus();
  }

  const describedBy = (field: 'username' | 'password') => (error && (error.field === field || error.field === null) ? ids.error : undefined);
  return (
    <form className="sign-in" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor={ids.username}>{t('settings.signIn.username')}</label>
        <input
          ref={username}
          id={ids.username}
          type="text"
          autoComplete="username"
          spellCheck={false}
          maxLength={254}
          aria-invalid={error?.field === 'username'}
          aria-describedby={describedBy('username')}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.password}>{t('settings.signIn.password')}</label>
        <input
          ref={password}
          id={ids.password}
          type="password"
          autoComplete="current-password"
          maxLength={1024}
          aria-invalid={error?.field === 'password'}
          aria-describedby={describedBy('password')}
        />
      </div>
      <div className="check-field">
        <input
          id={ids.remember}
          type="checkbox"
          checked={canRemember && remember}
          disabled={!canRemember}
          aria-describedby={canRemember ? undefined : ids.rememberHint}
          onChange={(event) => setRemember(event.target.checked)}
        />
        <label htmlFor={ids.remember}>{t('settings.signIn.remember')}</label>
        {!canRemember && (
          <p id={ids.rememberHint} className="hint">
            {t('settings.signIn.rememberUnavailable')}
          </p>
        )}
      </div>
      {error && (
        <p id={ids.error} role="alert" className="error">
          {error.text}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('settings.signIn.working') : t('settings.signIn.submit')}
      </button>
    </form>
  );
}
