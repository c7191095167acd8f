import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { intakeItems, pickImage, type Intake } from './intake';

export interface DropZoneProps {
  roleName: string;
  onIntake: (intake: Intake, source: 'drop' | 'file') => void;
}

/** Drag and drop plus the file picker; the picker is the keyboard way in, drop only a shortcut. */
export function DropZone({ roleName, onIntake }: DropZoneProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const [over, setOver] = useState(false);

  const allowDrop = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };

  return (
    <div
      role="group"
      aria-labelledby={hintId}
      className={`capture-drop${over ? ' capture-drop-over' : ''}`}
      onDragEnter={allowDrop}
      onDragOver={allowDrop}
      onDragLeave={(event) => {
        // Leaving for a child element is not leaving the zone.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        onIntake(pickImage(intakeItems(event.dataTransfer)), 'drop');
      }}
    >
      <p id={hintId}>{over ? t('capture.input.dropNow') : t('capture.input.dropHint')}</p>
      <input
        id={inputId}
        className="capture-file-input"
        type="file"
        accept="image/*"
        aria-label={t('capture.input.chooseFor', { role: roleName })}
        aria-describedby={hintId}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared so that choosing the same file again still counts as a change.
          event.target.value = '';
          if (files.length > 0) onIntake(pickImage(files.map((file) => ({ kind: 'file', file }))), 'file');
        }}
      />
      <label htmlFor={inputId} className="capture-file-label">
        {t('capture.input.choose')}
      </label>
    </div>
  );
}
