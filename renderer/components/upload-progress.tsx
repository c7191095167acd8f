import { useTranslation } from 'react-i18next';
import { useStation } from '../app/store-context';

/** "Uploading 45 %" with a progress bar, while main sends this verification's images. */
export function UploadProgress({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const upload = useStation((s) => s.uploads[id]);
  if (!upload) return null;
  const share = upload.total ? Math.min(1, upload.sent / upload.total) : null;
  const text = share === null ? t('upload.sending') : t('upload.percent', { percent: new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(share) });
  return (
    <span className="upload-progress">
      <progress value={share ?? undefined} max={1} aria-label={text} />
      <span aria-hidden="true">{text}</span>
    </span>
  );
}
