import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraFailureKind } from './camera';

/** What went wrong with the camera and how to fix it, in words; files stay usable beside it. */
export function CameraFailure({ failure, reason, onRetry }: { failure: CameraFailureKind; reason: string; onRetry: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <div className="capture-failure" role="alert" aria-labelledby={titleId}>
      <h4 id={titleId}>{t(`capture.failure.${failure}.title`)}</h4>
      <p>{t(`capture.failure.${failure}.fix`, { reason })}</p>
      <p>{t('capture.failure.fileStillWorks')}</p>
      <button type="button" onClick={onRetry}>
        {t('capture.failure.retry')}
      </button>
    </div>
  );
}
