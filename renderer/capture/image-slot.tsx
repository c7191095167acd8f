import { useEffect, useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRole } from '../../common/analysis/check';
import type { PrecheckResult } from '../../common/analysis/precheck';
import { remedyFor, unmetRequirements } from '../../common/analysis/requirement-rules';
import '../styles/capture.css';
import { AutoFixPanel, canAutoFix } from './auto-fix-panel';
import { holdCamera } from './camera';
import { CameraPanel, type CameraControls } from './camera-panel';
import { DropZone } from './drop-zone';
import { intakeItems, pickImage, type Intake } from './intake';
import { ReportCard } from './report-card';
import type { ImageSlotProps, SlotImage } from './slot-types';
import { useSlotImage } from './use-slot-image';

export type { ImageSlotProps, SlotImage } from './slot-types';

/** Only a new picture can make this image conform: the auto-fix cannot repair what Progeny requires. */
const needsNewPicture = (role: ImageRole, report: PrecheckResult): boolean => {
  const unmet = unmetRequirements(role, report.checks);
  return report.blocked || (unmet.length > 0 && remedyFor(unmet) === 'retake');
};

/**
 * One image of the New verification form: camera, drop, file or paste in; pre-checked; previewed
 * with its report card; auto-fixable. The value (with its report) goes up through onChange, and
 * the form decides what blocks sending.
 */
export function ImageSlot({ field, role, value, onChange, autoCapture, preferredCamera, onCameraChosen }: ImageSlotProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const roleName = t(`words.role.${role}`);
  const slot = useSlotImage({ role, value, onChange });
  const [cameraOpen, setCameraOpen] = useState(false);
  const [notice, setNotice] = useState('');
  const camera = useRef<CameraControls>(null);

  // When the control in use disappears, focus moves somewhere sensible instead of to the page:
  // Retake after a capture, "Use the camera" after closing it, the slot's heading otherwise.
  const heading = useRef<HTMLHeadingElement>(null);
  const retakeButton = useRef<HTMLButtonElement>(null);
  const cameraButton = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<'retake' | 'camera' | 'heading' | null>(null);
  useEffect(() => {
    const targets = { retake: retakeButton, camera: cameraButton, heading };
    const target = focusNext.current ? targets[focusNext.current].current : null;
    if (!target) return;
    target.focus();
    focusNext.current = null;
  });

  const report = value?.report ?? null;

  // One camera at a time: opening this one closes any other slot's, and the form can close it.
  useEffect(() => {
    if (!cameraOpen) return;
    return holdCamera(() => setCameraOpen(false));
  }, [cameraOpen]);

  const take = (intake: Intake, source: SlotImage['source']) => {
    if (!intake.ok) {
      setNotice(t(`capture.intake.${intake.problem}`));
      return;
    }
    // A file, drop or paste fills the slot: the live feed has nothing left to do.
    setCameraOpen(false);
    setNotice(intake.ignored > 0 ? t('capture.intake.ignored', { ignored: new Intl.NumberFormat(i18n.language).format(intake.ignored) }) : '');
    void slot.accept(intake.file, source, intake.file.name || `${field}.${intake.file.type === 'image/png' ? 'png' : 'jpg'}`);
  };

  const onCaptured = (still: Blob) => {
    focusNext.current = 'retake';
    setCameraOpen(false);
    setNotice('');
    void slot.accept(still, 'camera', `${field}-camera.jpg`);
  };

  const keepFixed = (fixed: SlotImage) => {
    focusNext.current = 'heading';
    slot.replace(fixed);
  };

  const openCamera = () => {
    setNotice('');
    setCameraOpen(true);
  };
  const closeCamera = () => {
    focusNext.current = 'camera';
    setCameraOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && cameraOpen && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      closeCamera();
      return;
    }
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    // event.code, not key: Alt+C must work on French and Arabic keyboard layouts too.
    if (event.code === 'KeyC' && cameraOpen) {
      event.preventDefault();
      camera.current?.capture();
    } else if (event.code === 'KeyR' && value?.source === 'camera' && !cameraOpen) {
      event.preventDefault();
      openCamera();
    }
  };

  const onPaste = (event: ClipboardEvent) => {
    const intake = pickImage(intakeItems(event.clipboardData));
    if (intake.ok) event.preventDefault();
    take(intake, 'paste');
  };

  const status = value && !report ? (slot.checkError ? null : slot.engineState === 'loading' ? t('capture.slot.engineLoading') : t('capture.slot.checking')) : null;

  return (
    // Shortcuts and paste are scoped to the slot, so they reach it from any control inside.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <section className="image-slot" aria-labelledby={headingId} onKeyDown={onKeyDown} onPaste={onPaste}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {roleName}
      </h3>

      {value ? (
        <div className="capture-current">
          {/* Shown only once the pre-check has cleared the file: the browser must not decode a pixel bomb. */}
          {report && !report.blocked ? <img className="capture-thumbnail" src={value.previewUrl} alt={t('capture.slot.previewAlt', { role: roleName })} /> : null}
          <div>
            <p className="capture-filename">
              <bdi>{value.filename}</bdi>
              {value.autoFixed ? <span> {t('capture.slot.autoFixed')}</span> : null}
            </p>
            <p role="status">{status}</p>
            {slot.checkError ? <p role="alert">{t('capture.slot.checkFailed', { reason: slot.checkError })}</p> : null}
            <div className="capture-actions">
              {value.source === 'camera' && !cameraOpen ? (
                <button type="button" ref={retakeButton} aria-keyshortcuts="Alt+R" onClick={openCamera}>
                  {t('capture.slot.retake')} <kbd aria-hidden="true">Alt+R</kbd>
                </button>
              ) : null}
              <button
                type="button"
                onClick={() => {
                  focusNext.current = 'heading';
                  slot.remove();
                }}
              >
                {t('capture.slot.remove')}
              </button>
            </div>
          </div>
        </div>
      ) : null}

      {value && report ? <ReportCard report={report} role={role} /> : null}
      {value && report && canAutoFix(report, role) ? <AutoFixPanel key={value.previewUrl} image={value} report={report} role={role} onKeep={keepFixed} /> : null}
      {value && report && needsNewPicture(role, report) && !cameraOpen ? (
        <div className="capture-actions">
          <button type="button" onClick={openCamera}>
            {t('capture.slot.takeNew')}
          </button>
        </div>
      ) : null}

      {cameraOpen ? (
        <CameraPanel controls={camera} role={role} preferredCamera={preferredCamera} autoCapture={autoCapture} onCameraChosen={onCameraChosen} onCaptured={onCaptured} onClose={closeCamera} />
      ) : (
        <button type="button" ref={cameraButton} className="capture-camera-open" onClick={openCamera}>
          {t('capture.input.useCamera')}
        </button>
      )}

      <DropZone roleName={roleName} onIntake={take} />
      {slot.readError ? <p role="alert">{t('capture.slot.readFailed', { reason: slot.readError })}</p> : null}
      <p role="status" className="capture-notice">
        {notice}
      </p>
    </section>
  );
}
