import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRole, Verdict } from '../../common/analysis/check';
import type { PrecheckResult } from '../../common/analysis/precheck';
import { useAnalysisEngine } from './analysis-engine';
import { autoFixImage } from './auto-fix';
import { diffReports, type VerdictChange } from '../../common/analysis/autofix-plan';
import { remedyFor, unmetRequirements } from '../../common/analysis/requirement-rules';
import { checkImage, readImage } from './check-image';
import { useCheckText } from './check-text';
import type { SlotImage } from './slot-types';

type FixState = { kind: 'idle' } | { kind: 'running' } | { kind: 'failed'; reason: string } | { kind: 'review'; fixed: SlotImage & { report: PrecheckResult }; changes: VerdictChange[] };

/**
 * No hard failure is fixable, and a blocked file may be one the browser must not even decode (a
 * decompression bomb), so only unblocked images with something fixable are offered the fix. Nor is
 * it offered when a requirement only a new picture meets is broken: re-encoding a quality-50 JPEG
 * would pass the quality estimate without bringing back the detail, and no fix adds a face.
 */
export const canAutoFix = (report: PrecheckResult, role: ImageRole = report.role): boolean => {
  if (report.blocked || !report.checks.some((check) => check.verdict !== 'pass' && check.fixable)) return false;
  const unmet = unmetRequirements(role, report.checks);
  return unmet.length === 0 || remedyFor(unmet) === 'fix';
};

const fixedName = (filename: string) => `${filename.replace(/\.[^./\\]*$/, '') || 'image'}.jpg`;

/**
 * "Fix automatically" and the review of its result: which checks changed and how the size moved,
 * so the operator chooses knowingly. Mount with a key per image: a new image starts afresh.
 */
export function AutoFixPanel({ image, report, role, onKeep }: { image: SlotImage; report: PrecheckResult; role: ImageRole; onKeep: (fixed: SlotImage) => void }) {
  const { t } = useTranslation();
  const text = useCheckText();
  const engine = useAnalysisEngine();
  const [state, setState] = useState<FixState>({ kind: 'idle' });

  // A fixed image the operator did not keep must not leave its preview URL behind.
  const candidateUrl = state.kind === 'review' ? state.fixed.previewUrl : null;
  const kept = useRef<string | null>(null);
  useEffect(() => {
    if (!candidateUrl) return;
    return () => {
      if (kept.current !== candidateUrl) URL.revokeObjectURL(candidateUrl);
    };
  }, [candidateUrl]);

  // "Keep the original" removes the review; focus returns to the button that opened it.
  const fixButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current || !fixButton.current) return;
    refocus.current = false;
    fixButton.current.focus();
  });

  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = async () => {
    setState({ kind: 'running' });
    try {
      const blob = await autoFixImage(image.blob, report);
      const read = await readImage(blob);
      const fixedReport = await checkImage(role, read, await engine.whenReady());
      // Replaced or removed meanwhile: nobody will see this result.
      if (!alive.current) return;
      const fixed = { ...image, blob, filename: fixedName(image.filename), contentType: read.contentType, previewUrl: URL.createObjectURL(blob), report: fixedReport, autoFixed: true };
      setState({ kind: 'review', fixed, changes: diffReports(report, fixedReport) });
    } catch (error) {
      setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  };

  const verdictWord = (verdict: Verdict | null) => (verdict ? t(`capture.verdict.${verdict}`) : t('capture.fix.notChecked'));
  // WebP and other converted formats have no readable dimensions in their header: size in bytes only.
  const size = (r: PrecheckResult, bytes: number) =>
    r.file.displayWidth !== null && r.file.displayHeight !== null
      ? t('capture.fix.size', { width: text.pixels(r.file.displayWidth), height: text.pixels(r.file.displayHeight), bytes: text.bytes(bytes) })
      : text.bytes(bytes);

  if (state.kind !== 'review') {
    return (
      <div className="capture-fix">
        <button type="button" ref={fixButton} onClick={() => void run()} disabled={state.kind === 'running'}>
          {t('capture.fix.button')}
        </button>
        <p role="status">{state.kind === 'running' ? t('capture.fix.running') : ''}</p>
        {state.kind === 'failed' ? <p role="alert">{t('capture.fix.failed', { reason: state.reason })}</p> : null}
      </div>
    );
  }

  const { fixed, changes } = state;
  return (
    <section className="capture-fix capture-fix-review" aria-label={t('capture.fix.title')}>
      <h4>{t('capture.fix.title')}</h4>
      <div className="capture-fix-images">
        <figure>
          <img src={image.previewUrl} alt={t('capture.fix.originalAlt')} />
          <figcaption>{t('capture.fix.original', { size: size(report, image.blob.size) })}</figcaption>
        </figure>
        <figure>
          <img src={fixed.previewUrl} alt={t('capture.fix.fixedAlt')} />
          <figcaption>{t('capture.fix.fixed', { size: size(fixed.report, fixed.blob.size) })}</figcaption>
        </figure>
      </div>
      {changes.length > 0 ? (
        <ul aria-label={t('capture.fix.changes')}>
          {changes.map((change) => (
            <li key={change.id}>{t('capture.fix.change', { check: text.name(change), before: verdictWord(change.before), after: verdictWord(change.after) })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('capture.fix.noChange')}</p>
      )}
      <div className="capture-actions">
        <button
          type="button"
          className="capture-primary"
          onClick={() => {
            kept.current = fixed.previewUrl;
            onKeep(fixed);
          }}
        >
          {t('capture.fix.keepFixed')}
        </button>
        <button
          type="button"
          onClick={() => {
            refocus.current = true;
            setState({ kind: 'idle' });
          }}
        >
          {t('capture.fix.keepOriginal')}
        </button>
      </div>
    </section>
  );
}
