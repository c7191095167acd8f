/**
 * The analysis engine's browser environment: the same checks as in Node, with the image decoded by
 * the browser and Human (WASM) running in the page. Models and wasm come from the station's own
 * origin (`engine/`, copied at build time); nothing is fetched from anywhere else.
 */
import type { FaceAnalyzer } from '../../common/analysis/face';
import { HUMAN_MODELS, humanConfig } from '../../common/analysis/human-config';
import { humanFaceAnalyzer, type HumanLike } from '../../common/analysis/human-result';
import type { RawImage } from '../../common/analysis/pixels';
import type { AnalysisEnvironment } from '../../common/analysis/precheck';
import { REQUIREMENTS } from '../../common/analysis/requirements';
import { createBrowserMrzReader } from './browser-mrz-reader';

export interface BrowserAnalysis extends AnalysisEnvironment {
  close(): Promise<void>;
}

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

export async function createBrowserFaceAnalyzer(engineBase: string): Promise<FaceAnalyzer> {
  const { Human } = await import('@vladmandic/human');
  const human = new Human(humanConfig(new URL('models/', engineBase).href, new URL('wasm/', engineBase).href));
  const typed = human as unknown as HumanLike;
  await human.init();
  // Without 'wasm-unsafe-eval' in the CSP tfjs silently falls back to (software) WebGL, 30x slower.
  if (typed.tf.getBackend() !== 'wasm') throw new Error(`face analysis backend is ${typed.tf.getBackend()}, expected wasm`);
  await human.load();
  const missing = HUMAN_MODELS.filter((name) => !human.models.loaded().includes(name));
  if (missing.length > 0) throw new Error(`face models failed to load: ${missing.join(', ')}`);
  return humanFaceAnalyzer(typed);
}

/** `engineBase` is the absolute URL of the `engine/` folder, e.g. `new URL('engine/', location.href).href`. */
export async function createBrowserAnalysis(engineBase: string): Promise<BrowserAnalysis> {
  const [faces, mrz] = await Promise.all([createBrowserFaceAnalyzer(engineBase), createBrowserMrzReader(engineBase)]);
  return { decode: decodeInBrowser, faces, mrz, close: () => mrz.close() };
}
