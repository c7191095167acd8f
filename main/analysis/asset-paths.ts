import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * A package's root folder, found from its main entry as Node (or Electron) resolves it from the
 * module `from` (some packages do not export package.json).
 */
function packageDir(name: string, from: string): string {
  let dir = dirname(createRequire(from).resolve(name));
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

/**
 * `from` is the module the packages are resolved from: by default this code itself, wherever it
 * runs. In the packaged app that is inside `resources/app.asar`, so every folder comes from
 * `app.asar/node_modules`, where electron-builder packs the production dependencies and which
 * Electron's fs and require read like a folder (worker threads included). Nothing here depends on
 * Electron, so the CLI and the web station on plain Node resolve the same way.
 */
export function analysisAssets(from: string = import.meta.url): AnalysisAssets {
  const human = packageDir('@vladmandic/human', from);
  return {
    humanModels: join(human, 'models'),
    humanNodeWasm: join(human, 'dist', 'human.node-wasm.js'),
    tfWasm: join(packageDir('@tensorflow/tfjs-backend-wasm', from), 'dist'),
    tesseractLang: join(packageDir('@tesseract.js-data/eng', from), '4.0.0'),
  };
}
