/**
 * The MRZ reader in the browser: the same passes and repair as in Node (common/analysis/mrz-ocr),
 * with the crop prepared on a canvas and tesseract.js's browser worker loading its script, core and
 * language data from the station's own origin.
 */
import { createWorker, OEM, PSM } from 'tesseract.js';
import { MRZ_CHARSET } from '../../common/analysis/mrz';
import { createMrzReader, encodePgm, type ClosableMrzReader, type MrzOcrPass, type PixelCrop } from '../../common/analysis/mrz-ocr';
import type { RawImage } from '../../common/analysis/pixels';

function toImageData(image: RawImage): ImageData {
  if (image.channels === 4) return new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, o = 0; i < image.data.length; i += 3, o += 4) {
    rgba[o] = image.data[i]!;
    rgba[o + 1] = image.data[i + 1]!;
    rgba[o + 2] = image.data[i + 2]!;
    rgba[o + 3] = 255;
  }
  return new ImageData(rgba, image.width, image.height);
}

/** Grey crop scaled on a canvas (high-quality smoothing), then contrast stretch and threshold as asked. */
async function prepare(image: RawImage, crop: PixelCrop, width: number, pass: MrzOcrPass): Promise<Uint8Array> {
  const source = new OffscreenCanvas(crop.width, crop.height);
  source.getContext('2d')!.putImageData(toImageData(image), -crop.left, -crop.top);
  const outWidth = Math.max(64, Math.round(width));
  const outHeight = Math.max(8, Math.round((crop.height * outWidth) / crop.width));
  const target = new OffscreenCanvas(outWidth, outHeight);
  const context = target.getContext('2d', { willReadFrequently: true })!;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, outWidth, outHeight);
  const rgba = context.getImageData(0, 0, outWidth, outHeight).data;
  const grey = new Uint8Array(outWidth * outHeight);
  let min = 255;
  let max = 0;
  for (let i = 0; i < grey.length; i += 1) {
    const v = Math.round(0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!);
    grey[i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (pass.normalise && max > min) for (let i = 0; i < grey.length; i += 1) grey[i] = Math.round(((grey[i]! - min) * 255) / (max - min));
  if (pass.threshold) for (let i = 0; i < grey.length; i += 1) grey[i] = grey[i]! >= 128 ? 255 : 0;
  await Promise.resolve();
  return encodePgm(outWidth, outHeight, grey);
}

/** `engineBase` is the absolute URL of the station's `engine/` folder. */
export async function createBrowserMrzReader(engineBase: string): Promise<ClosableMrzReader> {
  const worker = await createWorker('eng', OEM.TESSERACT_ONLY, {
    workerPath: new URL('tesseract/worker.min.js', engineBase).href,
    corePath: new URL('tesseract/core/', engineBase).href,
    langPath: new URL('tesseract/lang', engineBase).href,
    gzip: true,
    cacheMethod: 'none',
    // A blob: worker would need blob: in the CSP's script-src; load the worker from our origin.
    workerBlobURL: false,
    errorHandler: () => undefined,
  });
  await worker.setParameters({ tessedit_char_whitelist: MRZ_CHARSET, tessedit_pageseg_mode: PSM.SINGLE_BLOCK, user_defined_dpi: '300' });
  return createMrzReader({
    prepare,
    recognize: async (input) => (await worker.recognize(input, {}, { text: true, blocks: true })).data,
    terminate: async () => {
      await worker.terminate();
    },
  });
}
