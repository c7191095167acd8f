import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../app/store-context';
import { getStation } from '../app/station';
import { UnlockForm } from '../settings/unlock-form';

/** All the locked station shows: no view, no image, no customer detail is even rendered. */
export function LockScreen() {
  const { t } = useTranslation();
  const pinSet = useStation((s) => s.status?.pinSet ?? false);
  // The PIN's hash is sealed with the data key: until the passphrase opens it, no PIN can be checked.
  const storeLocked = useStation((s) => s.status?.store === 'locked');
  const needsPassphrase = pinSet && storeLocked;
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pinId = useId();
  const titleId = useId();

  useEffect(() => {
    (pinSet ? input.current : button.current)?.focus();
  }, [pinSet, needsPassphrase]);

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await getStation().invoke('lock:release', pinSet ? { pin } : {});
    setBusy(false);
    setPin('');
    if (!result.ok) {
      const waitMs = Number(result.error.details?.retryAfterMs ?? 0);
      setError(result.error.code !== 'pin-refused' ? result.error.message : waitMs > 0 ? t('lock.wait', { seconds: Math.ceil(waitMs / 1000) }) : t('lock.wrongPin'));
      input.current?.focus();
    }
  };

  if (needsPassphrase) {
    return (
      <main className="lock-screen" aria-labelledby={titleId}>
        <div className="lock-card">
          <h1 id={titleId}>{t('lock.title')}</h1>
          <p>{t('lock.passphraseFirst')}</p>
          <UnlockForm />
        </div>
      </main>
    );
  }

  return (
    <main className="lock-screen" aria-labelledby={titleId}>
      <form className="lock-card" onSubmit={(event) => void unlock(event)}>
        <h1 id={titleId}>{t('lock.title')}</h1>
        <p>{t('lock.explain')}</p>
        {pinSet && (
          <div className="field">
            <label htmlFor={pinId}>{t('lock.pin')}</label>
            <input
              ref={input}
              id={pinId}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              pattern="[0-9]*"
              maxLength={12}
              value={pin}
              onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${pinId}-error` : undefined}
            />
          </div>
        )}
        {error && (
          <p id={`${pinId}-error`} role="alert" className="error">
            {error}
          </p>
        )}
        <button ref={button} type="submit" disabled={busy || (pinSet && pin.length < 4)}>
          {t('lock.unlock')}
        </button>
      </form>
    </main>
  );
}

/** The header's "Lock the station" button. */
export function LockButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="lock-button" aria-keyshortcuts="Alt+L" onClick={() => void getStation().invoke('lock:engage', { reason: 'operator' })}>
      {t('lock.lockNow')}
    </button>
  );
}
