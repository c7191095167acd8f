import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from './modal-dialog';
import type { Resolution } from './use-queue-actions';

interface ResolveDialogProps {
  rowLabel: string;
  onResolve: (resolution: Resolution) => Promise<void>;
  onClose: () => void;
  fallbackFocus: () => HTMLElement | null;
}

/**
 * The operator settles an uncertain send: either Progeny has it (the station then polls the task
 * id they give, never re-posting) or it does not (the station sends it again).
 */
export function ResolveDialog({ rowLabel, onResolve, onClose, fallbackFocus }: ResolveDialogProps) {
  const { t } = useTranslation();
  const ids = { reached: useId(), notReached: useId(), taskId: useId(), error: useId(), warning: useId() };
  const firstChoice = useRef<HTMLInputElement>(null);
  const taskInput = useRef<HTMLInputElement>(null);
  const [choice, setChoice] = useState<'reached' | 'not-reached' | null>(null);
  const [taskId, setTaskId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (choice === null) {
      setError(t('queue.resolveDialog.chooseOne'));
      firstChoice.current?.focus();
      return;
    }
    if (choice === 'reached' && taskId.trim() === '') {
      setError(t('queue.resolveDialog.taskIdMissing'));
      taskInput.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    void onResolve(choice === 'reached' ? { taskId: taskId.trim() } : { resend: true });
  }

  return (
    <ModalDialog title={t('queue.resolveDialog.title')} onClose={onClose} initialFocus={firstChoice} fallbackFocus={fallbackFocus}>
      {({ description }) => (
        <form onSubmit={submit} noValidate>
          <p id={description}>{t('queue.resolveDialog.body', { row: rowLabel })}</p>
          <fieldset aria-describedby={error ? ids.error : undefined}>
            <legend>{t('queue.resolveDialog.choices')}</legend>
            <div className="choice">
              <input ref={firstChoice} id={ids.reached} type="radio" name="resolution" checked={choice === 'reached'} onChange={() => setChoice('reached')} />
              <label htmlFor={ids.reached}>{t('queue.resolveDialog.reached')}</label>
              <input
                ref={taskInput}
                id={ids.taskId}
                type="text"
                className="task-id"
                dir="ltr"
                autoComplete="off"
                spellCheck={false}
                maxLength={100}
                aria-label={t('queue.resolveDialog.taskId')}
                aria-invalid={error !== null && choice === 'reached'}
                value={taskId}
                onFocus={() => setChoice('reached')}
                onChange={(event) => setTaskId(event.target.value)}
              />
            </div>
            <div className="choice">
              <input id={ids.notReached} type="radio" name="resolution" aria-describedby={ids.warning} checked={choice === 'not-reached'} onChange={() => setChoice('not-reached')} />
              <label htmlFor={ids.notReached}>{t('queue.resolveDialog.notReached')}</label>
              <p id={ids.warning} className="hint">
                {t('queue.resolveDialog.resendWarning')}
              </p>
            </div>
          </fieldset>
          {error && (
            <p id={ids.error} role="alert" className="error">
              {error}
            </p>
          )}
          <div className="modal-actions">
            <button type="button" onClick={onClose}>
              {t('queue.resolveDialog.close')}
            </button>
            <button type="submit" disabled={busy}>
              {t('queue.resolveDialog.confirm')}
            </button>
          </div>
        </form>
      )}
    </ModalDialog>
  );
}
