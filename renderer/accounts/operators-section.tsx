import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountRow, Settings } from '../../common/contract';
import { APPROVAL_ACTIONS, ROLES, type ApprovalAction, type Role } from '../../common/vocabulary';
import { callMain } from '../app/call-main';
import { useStation } from '../app/store-context';
import { Managed } from '../settings/managed';

/**
 * Settings → Operators, for administrators: the accounts (add, disable or enable, reset a secret)
 * and which actions need a supervisor's approval. Main refuses all of it to other roles whatever
 * this page shows; for them the section is not rendered at all.
 */
export function OperatorsSection({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const operator = useStation((s) => s.status?.operator ?? null);
  const updateSettings = useStation((s) => s.updateSettings);
  const ids = { heading: useId(), add: useId(), name: useId(), role: useId(), secret: useId(), approvals: useId() };
  const [accounts, setAccounts] = useState<AccountRow[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [secret, setSecret] = useState('');
  const [resetting, setResetting] = useState<string | null>(null);
  const [newSecret, setNewSecret] = useState('');
  const [approvals, setApprovals] = useState<ApprovalAction[]>(settings.approvals);
  const [approvalsSaved, setApprovalsSaved] = useState(false);
  const isAdministrator = operator?.role === 'administrator';

  // Read again after each change the administrator makes.
  const [version, setVersion] = useState(0);
  const load = () => setVersion((current) => current + 1);
  useEffect(() => {
    if (!isAdministrator) return;
    let current = true;
    void callMain('account:list').then((result) => {
      if (!current) return;
      if (result.ok) setAccounts(result.value);
      else setMessage({ text: result.error.message, error: true });
    });
    return () => {
      current = false;
    };
  }, [isAdministrator, version]);

  if (!isAdministrator) return null;

  const done = (result: Awaited<ReturnType<typeof callMain<'account:add'>>>, words: string) => {
    if (result.ok) {
      setMessage({ text: words, error: false });
      load();
      return true;
    }
    setMessage({ text: result.error.message, error: true });
    return false;
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return setMessage({ text: t('accounts.nameNeeded'), error: true });
    if (secret.length < 6) return setMessage({ text: t('accounts.secretTooShort'), error: true });
    const result = await callMain('account:add', { name, role, secret });
    if (done(result, t('accounts.added', { name: name.trim() }))) {
      setName('');
      setSecret('');
    }
  };
  const toggle = async (account: AccountRow) => {
    done(await callMain('account:update', { id: account.id, disabled: !account.disabled }), t('accounts.changed', { name: account.name }));
  };
  const reset = async (event: FormEvent, account: AccountRow) => {
    event.preventDefault();
    if (newSecret.length < 6) return setMessage({ text: t('accounts.secretTooShort'), error: true });
    if (done(await callMain('account:update', { id: account.id, secret: newSecret }), t('accounts.changed', { name: account.name }))) setResetting(null);
    setNewSecret('');
  };
  const saveApprovals = async (event: FormEvent) => {
    event.preventDefault();
    setApprovalsSaved(false);
    await updateSettings({ approvals });
    setApprovalsSaved(true);
  };

  return (
    <section aria-labelledby={ids.heading} className="settings-section operators-section">
      <h2 id={ids.heading}>{t('accounts.section')}</h2>
      <p>{t('accounts.intro')}</p>
      {accounts && (
        <table aria-label={t('accounts.table')}>
          <thead>
            <tr>
              <th scope="col">{t('accounts.colName')}</th>
              <th scope="col">{t('accounts.colRole')}</th>
              <th scope="col">{t('accounts.colState')}</th>
              <th scope="col">{t('accounts.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id}>
                <th scope="row">{account.name}</th>
                <td>{t(`accounts.roles.${account.role}`)}</td>
                <td>{account.disabled ? t('accounts.inactive') : t('accounts.active')}</td>
                <td>
                  <button type="button" onClick={() => void toggle(account)}>
                    {account.disabled ? t('accounts.enable', { name: account.name }) : t('accounts.disable', { name: account.name })}
                  </button>
                  {resetting === account.id ? (
                    <form onSubmit={(event) => void reset(event, account)} noValidate>
                      <label>
                        {t('accounts.resetLabel', { name: account.name })}
                        <input type="password" autoComplete="new-password" value={newSecret} onChange={(event) => setNewSecret(event.target.value)} maxLength={1024} />
                      </label>
                      <button type="submit">{t('accounts.saveSecret')}</button>
                    </form>
                  ) : (
                    <button type="button" onClick={() => setResetting(account.id)}>
                      {t('accounts.reset', { name: account.name })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={(event) => void add(event)} noValidate aria-labelledby={ids.add}>
        <h3 id={ids.add}>{t('accounts.addHeading')}</h3>
        <div className="field">
          <label htmlFor={ids.name}>{t('accounts.addName')}</label>
          <input id={ids.name} value={name} onChange={(event) => setName(event.target.value)} maxLength={64} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={ids.role}>{t('accounts.addRole')}</label>
          <select id={ids.role} value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`accounts.roles.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.secret}>{t('accounts.addSecret')}</label>
          <input id={ids.secret} type="password" autoComplete="new-password" value={secret} onChange={(event) => setSecret(event.target.value)} maxLength={1024} />
        </div>
        <button type="submit">{t('accounts.add')}</button>
      </form>
      <p role={message?.error ? 'alert' : 'status'} className={message?.error ? 'error' : 'saved'}>
        {message?.text}
      </p>
      {/* The organisation's policy may fix the four-eyes list (main/core/policy/). */}
      <Managed setting="approvals">
        <form onSubmit={(event) => void saveApprovals(event)}>
          <fieldset>
            <legend>{t('accounts.approvalsHeading')}</legend>
            <p id={ids.approvals}>{t('accounts.approvalsExplain')}</p>
            {APPROVAL_ACTIONS.map((action) => (
              <label key={action} className="checkbox">
                <input
                  type="checkbox"
                  aria-describedby={ids.approvals}
                  checked={approvals.includes(action)}
                  onChange={(event) => setApprovals((current) => (event.target.checked ? [...current, action] : current.filter((item) => item !== action)))}
                />
                {t(`accounts.actions.${action}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t('accounts.saveApprovals')}</button>
          <p role="status" className="saved">
            {approvalsSaved && t('accounts.approvalsSaved')}
          </p>
        </form>
      </Managed>
    </section>
  );
}
