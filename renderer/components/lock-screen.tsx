import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { StationError } from '../../common/result';
import { useStation } from '../app/store-context';
import { callMain } from '../app/call-main';
import { UnlockView } from '../views/unlock-view';

/** A secret is at least 6 characters (digits for a PIN); main's contract says the same. */
const SECRET_MIN = 6;

/**
 * All the locked station shows: "Who is working?". No view, no image, no customer detail is even
 * rendered. The accounts are sealed with the data key, so a station whose store is still closed
 * asks for the passphrase first; a station with no account yet creates its administrator.
 */
export function LockScreen() {
  const { t } = useTranslation();
  const store = useStation((s) => s.status?.store);
  const accounts = useStation((s) => s.status?.accounts ?? null);
  const titleId = useId();

  if (store === 'new' || store === 'locked' || accounts === null) {
    return (
      <main className="lock-screen" aria-labelledby={titleId}>
        <div className="lock-card">
          <h1 id={titleId}>{t('accounts.whoTitle')}</h1>
          <p>{t('accounts.passphraseFirst')}</p>
          <UnlockView />
        </div>
      </main>
    );
  }
  if (accounts === 'missing') {
    return (
      <main className="lock-screen" aria-labelledby={titleId}>
        <div className="lock-card">
          <h1 id={titleId}>{t('accounts.whoTitle')}</h1>
          <p role="alert" className="error">
            {t('accounts.missing')}
          </p>
        </div>
      </main>
    );
  }
  return accounts === 'none' ? <FirstAdministrator /> : <SignIn />;
}

/** The words for a refused sign-in: main's reason, in the operator's language. */
function refusalText(t: TFunction, error: StationError): string {
  if (error.code !== 'sign-in-refused') return error.message;
  const waitMs = Number(error.details?.retryAfterMs ?? 0);
  if (waitMs > 0) return t('accounts.wait', { seconds: Math.ceil(waitMs / 1000) });
  if (error.details?.reason === 'disabled') return t('accounts.disabled');
  if (error.details?.reason === 'pin-required') return t('accounts.pinNeeded');
  return t('accounts.wrong');
}

function SignIn() {
  const { t } = useTranslation();
  const ids = { title: useId(), name: useId(), secret: useId(), error: useId() };
  const nameInput = useRef<HTMLInputElement>(null);
  const secretInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => nameInput.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const field = secretInput.current;
    if (!field) return;
    // Read once and emptied at once: the secret does not stay in the page.
    const secret = field.value;
    field.value = '';
    if (name.trim() === '') return (setError(t('accounts.nameNeeded')), nameInput.current?.focus());
    if (secret.length < SECRET_MIN) return (setError(t('accounts.wrong')), field.focus());
    setBusy(true);
    const result = await callMain('account:sign-in', { name, secret });
    setBusy(false);
    if (!result.ok) {
      setError(refusalText(t, result.error));
      field.focus();
    }
  };

  return (
    <main className="lock-screen" aria-labelledby={ids.title}>
      <form className="lock-card" onSubmit={(event) => void submit(event)} noValidate>
        <h1 id={ids.title}>{t('accounts.whoTitle')}</h1>
        <p>{t('accounts.whoExplain')}</p>
        <div className="field">
          <label htmlFor={ids.name}>{t('accounts.name')}</label>
          <input ref={nameInput} id={ids.name} autoComplete="username" value={name} onChange={(event) => setName(event.target.value)} maxLength={64} />
        </div>
        <div className="field">
          <label htmlFor={ids.secret}>{t('accounts.secret')}</label>
          <input ref={secretInput} id={ids.secret} type="password" autoComplete="off" maxLength={1024} aria-invalid={error ? true : undefined} aria-describedby={error ? ids.error : undefined} />
        </div>
        {error && (
          <p id={ids.error} role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('accounts.signIn')}
        </button>
      </form>
    </main>
  );
}

function FirstAdministrator() {
  const { t } = useTranslation();
  const ids = { title: useId(), name: useId(), secret: useId(), repeat: useId(), pin: useId(), error: useId() };
  const nameInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pin, setPin] = useState('');
  const [needsPin, setNeedsPin] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => nameInput.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return setError(t('accounts.nameNeeded'));
    if (secret.length < SECRET_MIN) return setError(t('accounts.secretTooShort'));
    if (secret !== repeat) return setError(t('accounts.secretMismatch'));
    setBusy(true);
    const result = await callMain('account:create-first', needsPin ? { name, secret, pin } : { name, secret });
    setBusy(false);
    setPin('');
    if (!result.ok) {
      // A station upgraded from the anonymous PIN: its PIN proves the right to create the administrator.
      if (result.error.details?.reason === 'pin-required') setNeedsPin(true);
      setError(refusalText(t, result.error));
    }
  };

  return (
    <main className="lock-screen" aria-labelledby={ids.title}>
      <form className="lock-card" onSubmit={(event) => void submit(event)} noValidate>
        <h1 id={ids.title}>{t('accounts.firstTitle')}</h1>
        <p>{t('accounts.firstExplain')}</p>
        <div className="field">
          <label htmlFor={ids.name}>{t('accounts.adminName')}</label>
          <input ref={nameInput} id={ids.name} autoComplete="username" value={name} onChange={(event) => setName(event.target.value)} maxLength={64} />
        </div>
        <div className="field">
          <label htmlFor={ids.secret}>{t('accounts.newSecret')}</label>
          <input id={ids.secret} type="password" autoComplete="new-password" value={secret} onChange={(event) => setSecret(event.target.value)} maxLength={1024} />
        </div>
        <div className="field">
          <label htmlFor={ids.repeat}>{t('accounts.repeatSecret')}</label>
          <input id={ids.repeat} type="password" autoComplete="new-password" value={repeat} onChange={(event) => setRepeat(event.target.value)} maxLength={1024} />
        </div>
        {needsPin && (
          <div className="field">
            <label htmlFor={ids.pin}>{t('accounts.oldPin')}</label>
            <input id={ids.pin} type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))} maxLength={12} />
          </div>
        )}
        {error && (
          <p id={ids.error} role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('accounts.create')}
        </button>
      </form>
    </main>
  );
}

/** The status bar's "Lock the station" button: ends the session, the next person signs in as themselves. */
export function LockButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="lock-button" aria-keyshortcuts="Alt+L" onClick={() => void callMain('lock:engage', { reason: 'operator' })}>
      {t('lock.lockNow')}
    </button>
  );
}
