import { useEffect, useId, useImperativeHandle, useRef, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraFailure } from './camera-failure';
import { CameraOverlay } from './camera-overlay';
import { useCameraSession, type CameraSessionOptions } from './camera-session';

export interface CameraControls {
  capture: () => void;
}

export interface CameraPanelProps extends CameraSessionOptions {
  onClose: () => void;
  /** Lets the slot's Alt+C reach the capture while focus is elsewhere in the slot. */
  controls?: Ref<CameraControls>;
}

/** The live camera: picker, preview with overlay, one spoken prompt, Capture; or the recovery panel. */
export function CameraPanel({ controls, onClose, ...options }: CameraPanelProps) {
  const { t } = useTranslation();
  const pickerId = useId();
  const { videoRef, phase, cameras, deviceId, prompt, guidance, captureError, capture, retry, choose } = useCameraSession(options);
  useImperativeHandle(controls, () => ({ capture: () => void capture() }), [capture]);
  // The button that opened the panel is gone: take focus so the keyboard user is not lost.
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);

  const promptText =
    phase.kind === 'starting'
      ? t('capture.camera.starting')
      : phase.kind === 'capturing'
        ? t('capture.camera.capturing')
        : guidance === 'unavailable'
          ? t('capture.camera.guidanceUnavailable')
          : guidance === 'loading'
            ? t('capture.camera.guidanceLoading')
            : prompt
              ? t(`capture.prompt.${prompt}`)
              : t('capture.camera.looking');

  return (
    <div className="capture-camera" role="group" aria-label={t('capture.camera.panel')} tabIndex={-1} ref={panel}>
      {phase.kind === 'failed' ? (
        <CameraFailure failure={phase.failure} reason={phase.reason} onRetry={retry} />
      ) : (
        <>
          {cameras.length > 0 ? (
            <div className="capture-camera-picker">
              <label htmlFor={pickerId}>{t('capture.camera.picker')}</label>
              <select id={pickerId} value={deviceId} onChange={(event) => choose(event.target.value)}>
                {cameras.some((camera) => camera.deviceId === deviceId) ? null : <option value={deviceId}>{t('capture.camera.systemDefault')}</option>}
                {cameras.map((camera, index) => (
                  <option key={camera.deviceId || index} value={camera.deviceId}>
                    {camera.label || t('capture.camera.unnamed', { number: index + 1 })}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className={`capture-preview capture-preview-${options.role === 'selfie' ? 'mirrored' : 'plain'}`}>
            <video ref={videoRef} muted playsInline autoPlay aria-label={t('capture.camera.preview')} />
            <CameraOverlay role={options.role} />
          </div>
          <p className="capture-prompt" aria-live="polite">
            {promptText}
          </p>
          {captureError ? <p role="alert">{t('capture.camera.captureFailed', { reason: captureError })}</p> : null}
        </>
      )}
      <div className="capture-actions">
        {phase.kind === 'failed' ? null : (
          <button type="button" className="capture-primary" aria-keyshortcuts="Alt+C" disabled={phase.kind !== 'live'} onClick={() => void capture()}>
            {t('capture.camera.capture')} <kbd aria-hidden="true">Alt+C</kbd>
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('capture.camera.close')}
        </button>
      </div>
    </div>
  );
}
