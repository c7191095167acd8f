import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from './modal-dialog';

interface CancelDialogProps {
  rowLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  fallbackFocus: () => HTMLElement | null;
}

/** Cancelling cannot be undone: ask first, with the safe answer focused. */
export function CancelDialog({ rowLabel, onConfirm, onClose, fallbackFocus }: CancelDialogProps) {
  const { t } = useTranslation();
  const keep = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  return (
    <ModalDialog title={t('queue.cancelDialog.title')} onClose={onClose} initialFocus={keep} fallbackFocus={fallbackFocus}>
      {({ description }) => (
        <>
          <p id={description}>{t('queue.cancelDialog.body', { row: rowLabel })}</p>
          <div className="modal-actions">
            <button ref={keep} type="button" onClick={onClose}>
              {t('queue.cancelDialog.keep')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                void onConfirm();
              }}
            >
              {t('queue.cancelDialog.confirm')}
            </button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}
