/** "Re-run as new": images from the history become slot images the slot still has to pre-check. */
import type { VerificationPrefill } from '../app/store';
import type { SlotImage } from '../capture/slot-types';

function contentTypeOf(blob: Blob, filename: string): SlotImage['contentType'] {
  const type = blob.type || (/\.png$/i.test(filename) ? 'image/png' : /\.jpe?g$/i.test(filename) ? 'image/jpeg' : '');
  return type === 'image/png' || type === 'image/jpeg' ? type : 'other';
}

export function slotImageFromHistory({ blob, filename }: VerificationPrefill['images'][string]): SlotImage {
  return { blob, filename, contentType: contentTypeOf(blob, filename), previewUrl: URL.createObjectURL(blob), report: null, autoFixed: false, source: 'history' };
}

/** Whoever drops an image frees its preview; the slot does the same when it replaces one. */
export function releasePreviews(images: Iterable<SlotImage | undefined>): void {
  for (const image of images) if (image?.previewUrl.startsWith('blob:')) URL.revokeObjectURL(image.previewUrl);
}
