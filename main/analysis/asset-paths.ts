import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name: string, entry = 'package.json') => dirname(require.resolve(`${name}/${entry}`));

/**
 * Where the analysis engine's models, wasm and traineddata live. Everything comes from installed
 * packages; nothing is fetched at run time. This is the one function every host (and the packaged
 * app) resolves them through.
 */
export interface AnalysisAssets {
  /** @vladmandic/human's models folder (blazeface, facemesh, iris, faceres, antispoof, liveness). */
  humanModels: string;
  /** The Node build of Human that runs on the WASM backend. */
  humanNodeWasm: string;
  /** Folder holding tfjs-backend-wasm's .wasm files. */
  tfWasm: string;
  /** Folder with eng.traineddata (the legacy-engine-capable 4.0.0 data). */
  tesseractLang: string;
}

export function analysisAssets(): AnalysisAssets {
  const human = packageDir('@vladmandic/human');
  return {
    humanModels: join(human, 'models'),
    humanNodeWasm: join(human, 'dist', 'human.node-wasm.js'),
    tfWasm: join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist'),
    tesseractLang: join(packageDir('@tesseract.js-data/eng'), '4.0.0'),
  };
}
