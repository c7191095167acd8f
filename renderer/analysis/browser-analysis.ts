/**
 * The analysis engine's browser environment: the same checks as in Node, with the image decoded by
 * the browser and Human (WASM) running in the page. Models and wasm come from the station's own
 * origin (`engine/`, copied at build time); nothing is fetched from anywhere else.
 */
import type { FaceAnalyzer } from '../../common/analysis/face';
import { HUMAN_MODELS, humanConfig } from '../../common/analysis/human-config';
import { humanFaceAnalyzer, type HumanLike } from '../../common/analysis/human-result';
import type { AnalysisEnvironment } from '../../common/analysis/precheck';
import { decodeInBrowser } from './browser-image';
import { createBrowserMrzReader } from './browser-mrz-reader';

export { decodeInBrowser, readFileForPrecheck } from './browser-image';

export interface BrowserAnalysis extends AnalysisEnvironment {
  close(): Promise<void>;
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
