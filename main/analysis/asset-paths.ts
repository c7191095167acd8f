import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const requireHere = createRequire(import.meta.url);

/** A package's root folder, found from its main entry (some packages do not export package.json). */
function packageDir(name: string): string {
  let dir = dirname(requireHere.resolve(name));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of the installed package ${name}`);
    dir = parent;
  }
}

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
