import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVAL_ACTIONS, isOneOf } from '../../common/vocabulary';
import { setApprovalAsker } from '../app/call-main';
import { ModalDialog } from '../queue/modal-dialog';

interface Pending {
  action: string;
  refused: boolean;
  retryAfterMs: number;
  answer: (approval: { name: string; secret: string } | null) => void;
}

/**
 * Four-eyes on the operator's own screen: when main answers "approval required", a supervisor or
 * an administrator types their name and secret here; the request goes again with them and main
 * checks them in that same call. The secret is read once and never kept in the page.
 */
export function ApprovalDialog() {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending | null>(null);
  const ids = { name: useId(), secret: useId(), error: useId() };
  const nameInput = useRef<HTMLInputElement>(null);
  const secretInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');

  useEffect(
    () =>
      setApprovalAsker(
        (request) =>
          new Promise((answer) => {
            setPending({ ...request, answer });
          }),
      ),
    [],
  );

  if (!pending) return null;
  const finish = (approval: { name: string; secret: string } | null) => {
    pending.answer(approval);
    setPending(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const secret = secretInput.current?.value ?? '';
    if (secretInput.current) secretInput.current.value = '';
    if (name.trim() === '' || secret.length < 6) return secretInput.current?.focus();
    finish({ name, secret });
  };
  const action = isOneOf(APPROVAL_ACTIONS, pending.action) ? t(`accounts.actions.${pending.action}`) : pending.action;
  return (
    <ModalDialog title={t('accounts.approveTitle')} onClose={() => finish(null)} initialFocus={nameInput} fallbackFocus={() => document.getElementById('main')}>
      {({ description }) => (
        <form onSubmit={submit} noValidate>
          <p id={description}>{t('accounts.approveExplain', { action })}</p>
          <div className="field">
            <label htmlFor={ids.name}>{t('accounts.approverName')}</label>
            <input ref={nameInput} id={ids.name} autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} maxLength={64} />
          </div>
          <div className="field">
            <label htmlFor={ids.secret}>{t('accounts.approverSecret')}</label>
            <input ref={secretInput} id={ids.secret} type="password" autoComplete="off" maxLength={1024} aria-describedby={pending.refused ? ids.error : undefined} />
          </div>
          {pending.refused && (
            <p id={ids.error} role="alert" className="error">
              {pending.retryAfterMs > 0 ? t('accounts.wait', { seconds: Math.ceil(pending.retryAfterMs / 1000) }) : t('accounts.approvalRefused')}
            </p>
          )}
          <div className="modal-actions">
            <button type="submit">{t('accounts.approve')}</button>
            <button type="button" onClick={() => finish(null)}>
              {t('accounts.cancel')}
            </button>
          </div>
        </form>
      )}
    </ModalDialog>
  );
}
