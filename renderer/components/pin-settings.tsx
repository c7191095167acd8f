import { useId, useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { PIN_PATTERN } from '../../common/contract-names';
import type { Result, StationError } from '../../common/result';
import { useStation } from '../app/store-context';
import { getStation } from '../app/station';

const digitsOnly = (value: string) => value.replace(/\D/g, '').slice(0, 12);

type Message = { kind: 'error' | 'done'; text: string };

/** Settings section: set, change or remove the operator PIN (main keeps only a sealed hash). */
export function PinSettings() {
  const { t } = useTranslation();
  const pinSet = useStation((s) => s.status?.pinSet ?? false);
  // The PIN is sealed with the station's data key: it can only be set once the data is unlocked.
  const storeOpen = useStation((s) => s.status?.store === 'unlocked');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const currentInput = useRef<HTMLInputElement>(null);
  const nextInput = useRef<HTMLInputElement>(null);
  const id = useId();

  const refusalText = (error: StationError): string => {
    if (error.code !== 'pin-refused') return error.message;
    const waitMs = Number(error.details?.retryAfterMs ?? 0);
    return waitMs > 0 ? t('lock.wait', { seconds: Math.ceil(waitMs / 1000) }) : t('lock.wrongCurrentPin');
  };
  const problem = (text: string, field: HTMLInputElement | null) => {
    setMessage({ kind: 'error', text });
    field?.focus();
  };
  const run = async (call: () => Promise<Result<unknown>>, doneText: string) => {
    setBusy(true);
    setMessage(null);
    const result = await call();
    setBusy(false);
    setCurrent('');
    setNext('');
    setConfirm('');
    if (result.ok) setMessage({ kind: 'done', text: doneText });
    else problem(refusalText(result.error), pinSet ? currentInput.current : nextInput.current);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (pinSet && !PIN_PATTERN.test(current)) return problem(t('lock.currentPinNeeded'), currentInput.current);
    if (!PIN_PATTERN.test(next)) return problem(t('lock.pinFormat'), nextInput.current);
    if (next !== confirm) return problem(t('lock.pinMismatch'), nextInput.current);
    void run(() => getStation().invoke('lock:set-pin', pinSet ? { pin: next, currentPin: current } : { pin: next }), t('lock.pinSaved'));
  };
  const remove = () => {
    if (!PIN_PATTERN.test(current)) return problem(t('lock.currentPinNeeded'), currentInput.current);
    void run(() => getStation().invoke('lock:clear-pin', { currentPin: current }), t('lock.pinRemoved'));
  };

  const fieldProps = (key: 'currentPin' | 'newPin' | 'confirmPin', value: string, onChange: (value: string) => void) => ({
    id: `${id}-${key}`,
    label: t(`lock.${key}`),
    value,
    onChange,
    errorId: message?.kind === 'error' ? `${id}-error` : undefined,
  });

  return (
    <section className="settings-section pin-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('lock.pinSection')}</h2>
      <p>{t('lock.pinIntro')}</p>
      <p>{pinSet ? t('lock.pinIsSet') : t('lock.pinNotSet')}</p>
      {storeOpen ? (
        <form onSubmit={save} noValidate>
          {pinSet && <PinField ref={currentInput} {...fieldProps('currentPin', current, setCurrent)} />}
          <PinField ref={nextInput} {...fieldProps('newPin', next, setNext)} />
          <PinField {...fieldProps('confirmPin', confirm, setConfirm)} />
          <button type="submit" disabled={busy}>
            {t('lock.savePin')}
          </button>{' '}
          {pinSet && (
            <button type="button" disabled={busy} onClick={remove}>
              {t('lock.removePin')}
            </button>
          )}
        </form>
      ) : (
        <p>{t('lock.pinNeedsStore')}</p>
      )}
      {message?.kind === 'error' && (
        <p id={`${id}-error`} role="alert" className="error">
          {message.text}
        </p>
      )}
      <p role="status" className="saved">
        {message?.kind === 'done' && message.text}
      </p>
    </section>
  );
}

/** One PIN input: digits only, hidden as typed, tied to the section's error when there is one. */
function PinField({ id, label, value, onChange, errorId, ref }: { id: string; label: string; value: string; onChange: (value: string) => void; errorId: string | undefined; ref?: Ref<HTMLInputElement> }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(digitsOnly(event.target.value))}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
      />
    </div>
  );
}
