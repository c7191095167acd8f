import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import Tesseract from 'tesseract.js';
import { MRZ_CHARSET } from '../../common/analysis/mrz';
import { createMrzReader, encodePgm, type ClosableMrzReader, type MrzOcrPass, type MrzReaderOptions, type PixelCrop } from '../../common/analysis/mrz-ocr';
import type { RawImage } from '../../common/analysis/pixels';
import { analysisAssets, type AnalysisAssets } from './asset-paths';

const requireHere = createRequire(import.meta.url);

/** Local paths of tesseract.js's Node worker script and core (never the CDN). */
function tesseractPaths(): { workerPath: string; corePath: string } {
  const root = dirname(requireHere.resolve('tesseract.js/package.json'));
  const core = dirname(createRequire(join(root, 'package.json')).resolve('tesseract.js-core/package.json'));
  return { workerPath: join(root, 'src', 'worker-script', 'node', 'index.js'), corePath: core };
}

/** Grey, rescaled (Lanczos), optionally contrast-stretched and binarised crop, as PGM. */
async function prepare(image: RawImage, crop: PixelCrop, width: number, pass: MrzOcrPass): Promise<Uint8Array> {
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .extract(crop)
    .removeAlpha()
    .toColourspace('b-w')
    .resize({ width: Math.max(64, Math.round(width)), kernel: 'lanczos3' });
  if (pass.normalise) pipeline = pipeline.normalise();
  if (pass.threshold) pipeline = pipeline.threshold(128, { grayscale: true });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one grey channel, got ${info.channels}`);
  return encodePgm(info.width, info.height, data);
}

/**
 * MRZ reader on tesseract.js's legacy engine (OEM 0), which reads OCR-B far better than the LSTM
 * model, in one long-lived worker thread. Language data comes from `assets.tesseractLang`; nothing
 * is fetched or cached on disk.
 */
export async function createNodeMrzReader(assets: AnalysisAssets = analysisAssets(), options: MrzReaderOptions = {}): Promise<ClosableMrzReader> {
  const worker = await Tesseract.createWorker('eng', Tesseract.OEM.TESSERACT_ONLY, {
    ...tesseractPaths(),
    langPath: assets.tesseractLang,
    gzip: true,
    // The default ('write') drops an unpacked eng.traineddata into the working directory.
    cacheMethod: 'none',
    // Without a handler a failed job also throws from the worker's message listener, uncaught.
    errorHandler: () => undefined,
  });
  await worker.setParameters({
    tessedit_char_whitelist: MRZ_CHARSET,
    tessedit_pageseg_mode: Tesseract.PSM.SINGLE_BLOCK,
    // PGM carries no resolution; without this Leptonica warns and guesses 70 dpi.
    user_defined_dpi: '300',
  });
  return createMrzReader(
    {
      prepare,
      recognize: async (input) => (await worker.recognize(Buffer.from(input.buffer, input.byteOffset, input.byteLength), {}, { text: true, blocks: true })).data,
      terminate: async () => {
        await worker.terminate();
      },
    },
    options,
  );
}
