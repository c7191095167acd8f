import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryDetail } from '../../common/contract';
import { isServiceId, SERVICES } from '../../common/services/catalog';
import { callMain } from '../app/call-main';
import type { VerificationPrefill } from '../app/store';
import { useStation } from '../app/store-context';
import { loadRecordImage } from './image-blobs';
import { saveFile } from './save-file';

type Progress = { kind: 'idle' } | { kind: 'busy'; action: 'export' | 'rerun' } | { kind: 'done'; text: string } | { kind: 'failed'; text: string };

/** The original full-size images, by field, for a new verification; deleted ones are left for the operator to add. */
async function loadOriginals(detail: HistoryDetail): Promise<{ ok: true; images: VerificationPrefill['images'] } | { ok: false; message: string }> {
  const images: VerificationPrefill['images'] = {};
  const fields = isServiceId(detail.service) ? SERVICES[detail.service].files.map((file) => file.name) : [];
  for (const field of fields) {
    const image = detail.images.find((candidate) => candidate.field === field && candidate.kind === 'image' && candidate.available);
    if (!image) continue;
    const blob = await loadRecordImage(detail.id, image.blobId);
    if (!blob.ok) return { ok: false, message: blob.error.message };
    const extension = blob.value.type === 'image/png' ? 'png' : 'jpg';
    images[field] = { blob: blob.value, filename: image.filename ?? `${field}.${extension}` };
  }
  return { ok: true, images };
}

export function ResultActions({ detail }: { detail: HistoryDetail }) {
  const { t } = useTranslation();
  const setView = useStation((s) => s.setView);
  const startVerification = useStation((s) => s.startVerification);
  const [progress, setProgress] = useState<Progress>({ kind: 'idle' });
  const busy = progress.kind === 'busy';
  // The raw responses go into the PDF only when asked for (support); the filed report is in words.
  const [appendix, setAppendix] = useState(false);
  const appendixId = useId();

  const exportEvidence = async () => {
    setProgress({ kind: 'busy', action: 'export' });
    const result = await callMain('history:evidence-pdf', { id: detail.id, appendix });
    if (!result.ok) return setProgress({ kind: 'failed', text: t('results.actions.exportFailed', { message: result.error.message }) });
    const bytes = Uint8Array.from(atob(result.value.pdf), (c) => c.charCodeAt(0));
    saveFile(new Blob([bytes], { type: 'application/pdf' }), result.value.filename);
    setProgress({ kind: 'done', text: t('results.actions.exportedPdf', { file: result.value.filename, sha256: result.value.sha256 }) });
  };

  const rerun = async () => {
    const { service } = detail;
    if (!isServiceId(service)) return;
    setProgress({ kind: 'busy', action: 'rerun' });
    const originals = await loadOriginals(detail);
    if (!originals.ok) return setProgress({ kind: 'failed', text: t('results.actions.rerunFailed', { message: originals.message }) });
    startVerification({ service, fields: { ...detail.fields }, images: originals.images });
  };

  const status = progress.kind === 'busy' ? t(progress.action === 'export' ? 'results.actions.exporting' : 'results.actions.rerunning') : progress.kind === 'done' ? progress.text : '';
  return (
    <div className="result-actions">
      <div role="group" aria-label={t('results.actions.label')} className="result-action-buttons">
        <button type="button" onClick={() => window.print()}>
          {t('results.actions.print')}
        </button>
        <button type="button" disabled={busy} onClick={() => void exportEvidence()}>
          {t('results.actions.export')}
        </button>
        <span className="result-action-option">
          <input id={appendixId} type="checkbox" checked={appendix} disabled={busy} onChange={(event) => setAppendix(event.target.checked)} />
          <label htmlFor={appendixId}>{t('results.actions.appendix')}</label>
        </span>
        <button type="button" disabled={busy || !isServiceId(detail.service)} onClick={() => void rerun()}>
          {t('results.actions.rerun')}
        </button>
        <button type="button" onClick={() => setView('history')}>
          {t('results.actions.back')}
        </button>
      </div>
      <p role="status" className="result-note">
        {status}
      </p>
      {progress.kind === 'failed' && (
        <p role="alert" className="error">
          {progress.text}
        </p>
      )}
    </div>
  );
}
