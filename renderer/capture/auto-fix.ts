/**
 * The auto-fix in the page: decode upright, scale, and re-encode as a JPEG. Drawing to a canvas
 * keeps only pixels, so EXIF (GPS included) is dropped and WebP or other formats become JPEG.
 */
import type { PrecheckResult } from '../../common/analysis/precheck';
import { firstAttempt, nextAttempt, type Attempt } from '../../common/analysis/autofix-plan';

type Canvas = OffscreenCanvas | HTMLCanvasElement;

function makeCanvas(width: number, height: number): Canvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function encodeJpeg(canvas: Canvas, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode a JPEG'))), 'image/jpeg', quality));
}

async function render(bitmap: ImageBitmap, attempt: Attempt): Promise<Blob> {
  const canvas = makeCanvas(attempt.width, attempt.height);
  // Narrowed per kind of canvas: getContext on the union is typed differently by different TypeScript programs (the lint flaked on it).
  const context = 'convertToBlob' in canvas ? canvas.getContext('2d') : canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas is available');
  // JPEG has no transparency: transparent PNG pixels become white, as the Node auto-fix does.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, attempt.width, attempt.height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, attempt.width, attempt.height);
  return encodeJpeg(canvas, attempt.quality / 100);
}

/** Produces the fixed JPEG for an image whose pre-check is `report`. Throws when the browser cannot open it. */
export async function autoFixImage(original: Blob, report: PrecheckResult): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(original, { imageOrientation: 'from-image' });
  } catch {
    throw new Error('the browser could not open this image');
  }
  try {
    const size = { width: bitmap.width, height: bitmap.height };
    let attempt: Attempt | null = firstAttempt(size, report);
    let blob: Blob;
    do {
      blob = await render(bitmap, attempt);
      attempt = nextAttempt(attempt, blob.size, size, report);
    } while (attempt);
    return blob;
  } finally {
    bitmap.close();
  }
}
