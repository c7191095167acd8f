import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../common/contract';
import { useCameras, type CameraChoice } from './use-cameras';
import type { SettingsSaver } from './use-settings-saver';
import { ManagedNote, useManaged } from './managed';

type Purpose = keyof Settings['cameras'];

/** Which camera films the customer and which the document, and whether capture is automatic. */
export function CamerasSection({ settings, saver }: { settings: Settings; saver: SettingsSaver }) {
  const { t } = useTranslation();
  const headingId = useId();
  const hintId = useId();
  const autoId = useId();
  const cameras = useCameras();
  const error = saver.errorFor('cameras');
  const namesHidden = cameras?.some((camera) => camera.label === '') ?? false;
  const autoCaptureManaged = useManaged('autoCapture');

  return (
    <section aria-labelledby={headingId} className="settings-section">
      <h2 id={headingId}>{t('settings.cameras.heading')}</h2>
      {(['selfie', 'document'] as const).map((purpose) => (
        <CameraSelect
          key={purpose}
          purpose={purpose}
          cameras={(cameras ?? []).filter((camera) => camera.deviceId !== '')}
          value={settings.cameras[purpose]}
          hintId={cameras === null || namesHidden ? hintId : undefined}
          onChange={(deviceId) => void saver.save('cameras', { cameras: { ...settings.cameras, [purpose]: deviceId } })}
        />
      ))}
      {(cameras === null || namesHidden) && (
        <p id={hintId} className="hint">
          {cameras === null ? t('settings.cameras.unlisted') : t('settings.cameras.namesHidden')}
        </p>
      )}
      <div className="check-field">
        <input
          id={autoId}
          type="checkbox"
          checked={settings.autoCapture}
          disabled={autoCaptureManaged}
          aria-describedby={autoCaptureManaged ? `${autoId}-hint ${autoId}-managed` : `${autoId}-hint`}
          onChange={(event) => void saver.save('cameras', { autoCapture: event.target.checked })}
        />
        <label htmlFor={autoId}>{t('settings.cameras.autoCapture')}</label>
        <p id={`${autoId}-hint`} className="hint">
          {t('settings.cameras.autoCaptureHint')}
        </p>
        {autoCaptureManaged && <ManagedNote id={`${autoId}-managed`} />}
      </div>
      {error && (
        <p role="alert" className="error">
          {t('settings.saveFailed', { message: error.message })}
        </p>
      )}
    </section>
  );
}

interface CameraSelectProps {
  purpose: Purpose;
  cameras: CameraChoice[];
  value: string;
  hintId: string | undefined;
  onChange: (deviceId: string) => void;
}

function CameraSelect({ purpose, cameras, value, hintId, onChange }: CameraSelectProps) {
  const { t } = useTranslation();
  const id = useId();
  const known = value === '' || cameras.some((camera) => camera.deviceId === value);
  return (
    <div className="field">
      <label htmlFor={id}>{t(`settings.cameras.${purpose}`)}</label>
      <select id={id} value={value} aria-describedby={hintId} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('settings.cameras.systemDefault')}</option>
        {cameras.map((camera, index) => (
          <option key={camera.deviceId} value={camera.deviceId}>
            {camera.label || t('settings.cameras.unnamed', { number: index + 1 })}
          </option>
        ))}
        {!known && <option value={value}>{t('settings.cameras.disconnected')}</option>}
      </select>
    </div>
  );
}
