import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PIN_PATTERN } from '../../common/contract-names';
import { useStation } from '../app/store-context';
import { getStation } from '../app/station';

const digitsOnly = (value: string) => value.replace(/\D/g, '').slice(0, 12);

/** Settings section: set, change or remove the operator PIN (main keeps only a sealed hash). */
export function PinSettings() {
  const { t } = useTranslation();
  const pinSet = useStation((s) => s.status?.pinSet ?? false);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const id = useId();

  const clear = () => {
    setCurrent('');
    setNext('');
    setConfirm('');
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!PIN_PATTERN.test(next)) return setMessage({ kind: 'error', text: t('lock.pinFormat') });
    if (next !== confirm) return setMessage({ kind: 'error', text: t('lock.pinMismatch') });
    const result = await getStation().invoke('lock:set-pin', pinSet ? { pin: next, currentPin: current } : { pin: next });
    clear();
    setMessage(result.ok ? { kind: 'done', text: t('lock.pinSaved') } : { kind: 'error', text: result.error.code === 'pin-refused' ? t('lock.wrongPin') : result.error.message });
  };
  const remove = async () => {
    if (!PIN_PATTERN.test(current)) return setMessage({ kind: 'error', text: t('lock.pinFormat') });
    const result = await getStation().invoke('lock:clear-pin', { currentPin: current });
    clear();
    setMessage(result.ok ? { kind: 'done', text: t('lock.pinRemoved') } : { kind: 'error', text: result.error.code === 'pin-refused' ? t('lock.wrongPin') : result.error.message });
  };

  const field = (key: 'currentPin' | 'newPin' | 'confirmPin', value: string, set: (value: string) => void) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`lock.${key}`)}</label>
      <input id={`${id}-${key}`} type="password" inputMode="numeric" autoComplete="off" value={value} onChange={(event) => set(digitsOnly(event.target.value))} />
    </div>
  );

  return (
    <section className="pin-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('lock.pinSection')}</h2>
      <p>{t('lock.pinIntro')}</p>
      <p>{pinSet ? t('lock.pinIsSet') : t('lock.pinNotSet')}</p>
      <form onSubmit={(event) => void save(event)}>
        {pinSet && field('currentPin', current, setCurrent)}
        {field('newPin', next, setNext)}
        {field('confirmPin', confirm, setConfirm)}
        <button type="submit">{t('lock.savePin')}</button>{' '}
        {pinSet && (
          <button type="button" onClick={() => void remove()}>
            {t('lock.removePin')}
          </button>
        )}
      </form>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : undefined}>
          {message.text}
        </p>
      )}
    </section>
  );
}
