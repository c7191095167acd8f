import { useTranslation } from 'react-i18next';
import type { ImageSlotProps } from './slot-types';

/** Stub until the capture work lands: a labelled file picker only. */
export function ImageSlot({ field, role, onChange }: ImageSlotProps) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor={`slot-${field}`}>{t(`words.role.${role}`)}</label>
      <input
        id={`slot-${field}`}
        type="file"
        accept="image/*"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onChange({ blob: file, filename: file.name, contentType: file.type === 'image/png' ? 'image/png' : 'image/jpeg', previewUrl: '', report: null, autoFixed: false, source: 'file' });
        }}
      />
    </div>
  );
}
