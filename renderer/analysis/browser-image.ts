/**
 * Reading and decoding images in the browser, kept apart from the engine (Human, tesseract) so the
 * page can read files without loading the engine's code.
 */
import { decodeBmp } from '../../common/analysis/bmp';
import { sniffFormat } from '../../common/analysis/image-header';
import type { RawImage } from '../../common/analysis/pixels';
import { REQUIREMENTS } from '../../common/analysis/requirements';

/** Bytes of a file that is too large to read whole: enough for every format's header. */
const HEAD_BYTES = 256 * 1024;

/**
 * Reads a dropped or picked file for the pre-check, as the Node side reads one from disk: a file
 * over the read limit is not loaded, only its head, so memory and time stay bounded.
 */
export async function readFileForPrecheck(file: Blob): Promise<{ bytes: Uint8Array; totalBytes: number }> {
  const part = file.size > REQUIREMENTS.file.maxReadBytes.value ? file.slice(0, HEAD_BYTES) : file;
  return { bytes: new Uint8Array(await part.arrayBuffer()), totalBytes: file.size };
}

/** Decodes with EXIF orientation applied, as the Node side does with sharp's rotate(). */
export async function decodeInBrowser(bytes: Uint8Array): Promise<RawImage> {
  // The same bounded BMP decoder as in Node, so both sides accept and refuse the same bitmaps.
  if (sniffFormat(bytes) === 'bmp') return decodeBmp(bytes);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as BlobPart]), { imageOrientation: 'from-image' });
  } catch {
    throw new Error('the browser could not decode it');
  }
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2D canvas is available');
    context.drawImage(bitmap, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width, height, channels: 4, data };
  } finally {
    bitmap.close();
  }
}
