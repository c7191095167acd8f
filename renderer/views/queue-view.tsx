import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../common/contract';
import { useStation } from '../app/store-context';
import { CancelDialog } from '../queue/cancel-dialog';
import { QueueTable } from '../queue/queue-table';
import { ResolveDialog } from '../queue/resolve-dialog';
import { serviceName } from '../queue/shared-names';
import { formatQueuedAt } from '../queue/time-format';
import { useNow } from '../queue/use-now';
import { useQueueActions } from '../queue/use-queue-actions';
import '../styles/queue.css';

type OpenDialog = { kind: 'cancel' | 'resolve'; row: QueueRow };

/** Every verification not yet finished: what it waits for, what went wrong, and what to do about it. */
export function QueueView() {
  const { t, i18n } = useTranslation();
  const status = useStation((s) => s.status);
  const queue = useStation((s) => s.queue);
  const refreshQueue = useStation((s) => s.refreshQueue);
  const now = useNow();
  const actions = useQueueActions();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [loaded, setLoaded] = useState(false);
  const container = useRef<HTMLDivElement>(null);

  // The store refreshes on queue events; reading once more on opening covers anything missed while locked.
  useEffect(() => {
    void refreshQueue().then(() => setLoaded(true));
  }, [refreshQueue]);

  const labelOf = (row: QueueRow) => t('queue.rowLabel', { service: serviceName(t, row.service), time: formatQueuedAt(row.createdAt, now, i18n.language) });
  const closeDialog = () => setDialog(null);
  const fallbackFocus = () => container.current;

  const locked = status?.store === 'locked' || status?.store === 'new';
  let body;
  if (locked) body = <p>{t('queue.locked')}</p>;
  else if (queue === null) body = <p>{loaded ? t('queue.unavailable') : t('queue.loading')}</p>;
  else if (queue.length === 0) body = <p className="queue-empty">{t('queue.empty')}</p>;
  else
    body = (
      <QueueTable
        rows={queue}
        now={now}
        stationMode={status?.mode ?? null}
        labelOf={labelOf}
        onRetry={(row) => void actions.retry(row, labelOf(row))}
        onCancel={(row) => setDialog({ kind: 'cancel', row })}
        onResolve={(row) => setDialog({ kind: 'resolve', row })}
      />
    );

  return (
    <div ref={container} className="queue-view" tabIndex={-1}>
      {status?.connectivity === 'offline' && (
        <p role="alert" className="offline-banner">
          {t('queue.offline')}
        </p>
      )}
      <div role="status" className="action-outcome">
        {actions.outcome?.ok && actions.outcome.text}
      </div>
      {actions.outcome && !actions.outcome.ok && (
        <p role="alert" className="error">
          {actions.outcome.text}
        </p>
      )}
      {body}
      {dialog?.kind === 'cancel' && (
        <CancelDialog
          rowLabel={labelOf(dialog.row)}
          fallbackFocus={fallbackFocus}
          onClose={closeDialog}
          onConfirm={async () => {
            await actions.cancel(dialog.row, labelOf(dialog.row));
            closeDialog();
          }}
        />
      )}
      {dialog?.kind === 'resolve' && (
        <ResolveDialog
          rowLabel={labelOf(dialog.row)}
          fallbackFocus={fallbackFocus}
          onClose={closeDialog}
          onResolve={async (resolution) => {
            await actions.resolve(dialog.row, labelOf(dialog.row), resolution);
            closeDialog();
          }}
        />
      )}
    </div>
  );
}
