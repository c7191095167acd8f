/**
 * The MRZ reader in the browser: the same band search, OCR-B template read, crops, passes and
 * repair as in Node (common/analysis/mrz-ocr, all pure TypeScript), with tesseract.js's browser
 * worker (the fallback) loading its script, core and language data from the station's own origin.
 */
import { createWorker, OEM, PSM } from 'tesseract.js';
import { MRZ_CHARSET } from '../../common/analysis/mrz';
import { createMrzReader, type ClosableMrzReader } from '../../common/analysis/mrz-ocr';

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
    recognize: async (input) => (await worker.recognize(input, {}, { text: true, blocks: true })).data,
    terminate: async () => {
      await worker.terminate();
    },
  });
}
