import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';
import { MRZ_CHARSET } from '../../common/analysis/mrz';
import { createMrzReader, type ClosableMrzReader, type MrzReaderOptions } from '../../common/analysis/mrz-ocr';
import { analysisAssets, type AnalysisAssets } from './asset-paths';

const requireHere = createRequire(import.meta.url);

/** Local paths of tesseract.js's Node worker script and core (never the CDN). */
function tesseractPaths(): { workerPath: string; corePath: string } {
  const root = dirname(requireHere.resolve('tesseract.js/package.json'));
  const core = dirname(createRequire(join(root, 'package.json')).resolve('tesseract.js-core/package.json'));
  return { workerPath: join(root, 'src', 'worker-script', 'node', 'index.js'), corePath: core };
}

/**
 * MRZ reader: OCR-B template matching first (common/analysis/ocrb-reader), with tesseract.js's
 * legacy engine (OEM 0, which reads OCR-B far better than the LSTM model) as the fallback when the
 * template read's check digits fail, in one long-lived worker thread. Language data comes from `assets.tesseractLang`; nothing
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
      recognize: async (input) => (await worker.recognize(Buffer.from(input.buffer, input.byteOffset, input.byteLength), {}, { text: true, blocks: true })).data,
      terminate: async () => {
        await worker.terminate();
      },
    },
    options,
  );
}
