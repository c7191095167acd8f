import { isDocumentRole, type ImageRole } from '../../common/analysis/check';

/** ID-1 cards are 85.6 x 54 mm; a passport's open photo page (TD3) is 125 x 88 mm. */
const DOCUMENT_ASPECT: Record<Exclude<ImageRole, 'selfie'>, number> = { id_front: 85.6 / 54, id_back: 85.6 / 54, passport: 125 / 88 };

/** Where to put the face or the document; decorative, the spoken prompt carries the same advice. */
export function CameraOverlay({ role }: { role: ImageRole }) {
  if (!isDocumentRole(role)) {
    return (
      <svg className="capture-overlay" viewBox="0 0 160 90" preserveAspectRatio="xMidYMid meet" aria-hidden="true" focusable="false">
        <ellipse cx="80" cy="42" rx="22" ry="30" />
      </svg>
    );
  }
  const aspect = DOCUMENT_ASPECT[role as Exclude<ImageRole, 'selfie'>];
  const height = 66;
  const width = Math.min(150, height * aspect);
  return (
    <svg className="capture-overlay" viewBox="0 0 160 90" preserveAspectRatio="xMidYMid meet" aria-hidden="true" focusable="false">
      <rect x={(160 - width) / 2} y={(90 - height) / 2} width={width} height={height} rx="4" />
    </svg>
  );
}
