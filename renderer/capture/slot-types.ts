import type { ImageRole } from '../../common/analysis/check';
import type { PrecheckResult } from '../../common/analysis/precheck';

/** An image in a slot of the New verification form, with its pre-check. */
export interface SlotImage {
  blob: Blob;
  filename: string;
  /** What will be sent; anything else must be converted (auto-fix) first. */
  contentType: 'image/jpeg' | 'image/png' | 'other';
  /** An object URL for previews (the slot revokes it when replaced). */
  previewUrl: string;
  /** null while the pre-check runs. */
  report: PrecheckResult | null;
  /** The operator kept the auto-fixed version of the original. */
  autoFixed: boolean;
  /** How the image arrived. */
  source: 'camera' | 'file' | 'drop' | 'paste' | 'history';
}

export interface ImageSlotProps {
  /** Unique per form: the Progeny field name, e.g. selfie_image. */
  field: string;
  role: ImageRole;
  value: SlotImage | null;
  onChange: (value: SlotImage | null) => void;
  /** Capture on its own when the live guidance says the view is ready. */
  autoCapture: boolean;
  /** Preferred camera device id ('' = system default). */
  preferredCamera: string;
  /** The operator picked another camera in the slot: remember it (e.g. in settings.cameras). */
  onCameraChosen?: (deviceId: string) => void;
}
