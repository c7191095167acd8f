import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, Status } from '../../common/contract';
import { useStation } from '../app/store-context';
import { callMain } from '../app/call-main';
import { isAcceptableServerUrl } from '../../common/server-address';
import { MODES, type Mode } from '../../common/vocabulary';
import { ConnectionTest } from './connection-test';
import { SignInForm } from './sign-in-form';
import { ManagedNote, useManaged } from './managed';
import type { SettingsSaver } from './use-settings-saver';

interface ServerSectionProps {
  settings: Settings;
  status: Status | null;
  saver: SettingsSaver;
}

/** Where verifications go: the mode, the live server's address, and the Progeny account. */
export function ServerSection({ settings, status, saver }: ServerSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const hints: Record<Mode, string> = { training: useId(), live: useId() };
  const modeError = saver.errorFor('mode');
  const signedIn = status?.signedIn ?? false;
  const needsSignIn = settings.mode === 'live' && !signedIn;
  const modeManaged = useManaged('mode');

  return (
    <section aria-labelledby={headingId} className="settings-section">
      <h2 id={headingId}>{t('settings.server.heading')}</h2>
      <fieldset className="choices" disabled={modeManaged}>
        <legend>{t('settings.server.modeLegend')}</legend>
        {modeManaged && <ManagedNote />}
        {MODES.map((mode) => (
          <div className="choice" key={mode}>
            <input
              id={`${hints[mode]}-input`}
              type="radio"
              name="mode"
              value={mode}
              checked={settings.mode === mode}
              aria-describedby={hints[mode]}
              onChange={() => void saver.save('mode', { mode })}
            />
            <label htmlFor={`${hints[mode]}-input`}>{t(`settings.server.${mode}`)}</label>
            <p id={hints[mode]} className="hint">
              {t(`settings.server.${mode}Hint`)}
            </p>
          </div>
        ))}
      </fieldset>
      {modeError && (
        <p role="alert" className="error">
          {t('settings.saveFailed', { message: modeError.message })}
        </p>
      )}
      <div role="status" className="notice">
        {needsSignIn && t('settings.server.liveNeedsSignIn')}
      </div>
      <ServerAddressForm saved={settings.serverUrl} saver={saver} />
      <Account signedIn={signedIn} showSignIn={needsSignIn} canRemember={status?.canRememberCredentials ?? false} />
      <ConnectionTest />
    </section>
  );
}

function ServerAddressForm({ saved, saver }: { saved: string; saver: SettingsSaver }) {
  const { t } = useTranslation();
  const ids = { input: useId(), hint: useId(), error: useId() };
  const [draft, setDraft] = useState(saved);
  const [invalid, setInvalid] = useState(false);
  const refused = saver.errorFor('serverUrl');
  const managed = useManaged('serverUrl');

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = draft.trim();
    const acceptable = isAcceptableServerUrl(value);
    setInvalid(!acceptable);
    if (acceptable) void saver.save('serverUrl', { serverUrl: value });
  }

  const error = invalid ? t('settings.server.addressInvalid') : refused ? t('settings.server.addressRefused', { message: refused.message }) : null;
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <fieldset className="managed-group" disabled={managed}>
        {managed && <ManagedNote />}
        <div className="field wide">
          <label htmlFor={ids.input}>{t('settings.server.address')}</label>
          <input
            id={ids.input}
            type="url"
            dir="ltr"
            inputMode="url"
            spellCheck={false}
            maxLength={300}
            value={draft}
            aria-invalid={error !== null}
            aria-describedby={error ? `${ids.error} ${ids.hint}` : ids.hint}
            onChange={(event) => setDraft(event.target.value)}
          />
          <p id={ids.hint} className="hint">
            {t('settings.server.addressHint')}
          </p>
        </div>
        {error && (
          <p id={ids.error} role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit">{t('settings.server.saveAddress')}</button>
      </fieldset>
      <p role="status" className="saved">
        {saver.savedIn('serverUrl') && t('settings.server.addressSaved')}
      </p>
    </form>
  );
}

function Account({ signedIn, showSignIn, canRemember }: { signedIn: boolean; showSignIn: boolean; canRemember: boolean }) {
  const { t } = useTranslation();
  const refresh = useStation((s) => s.refresh);
  const headingId = useId();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!signedIn && !showSignIn && message === null) return null;

  async function signOut() {
    const result = await callMain('credentials:sign-out');
    setMessage(result.ok ? { ok: true, text: t('settings.signIn.signedOut') } : { ok: false, text: t('settings.signIn.signOutFailed', { message: result.error.message }) });
    await refresh();
  }

  return (
    <div className="account" role="group" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('settings.signIn.heading')}</h3>
      {signedIn ? (
        <>
          <p>{t('settings.signIn.signedIn')}</p>
          <button type="button" onClick={() => void signOut()}>
            {t('settings.signIn.signOut')}
          </button>
        </>
      ) : (
        showSignIn && <SignInForm canRemember={canRemember} />
      )}
      {message && !(message.ok && signedIn) && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'saved' : 'error'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
