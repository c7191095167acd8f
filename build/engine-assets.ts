/**
 * The analysis engine's runtime files, copied next to the renderer so the page loads them from its
 * own origin (the CSP allows nothing else, and nothing may be fetched from the network). Source
 * folders come from `analysisAssets()`, the same function the Node side resolves them with.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { HUMAN_MODELS } from '../common/analysis/human-config';
import { analysisAssets } from '../main/analysis/asset-paths';

const require = createRequire(import.meta.url);

/** Folder (under the renderer's output) the browser engine loads from. */
export const ENGINE_DIR = 'engine';

export interface EngineFile {
  from: string;
  to: string;
}

export function engineFiles(): EngineFile[] {
  const assets = analysisAssets();
  const files: EngineFile[] = [];
  for (const model of HUMAN_MODELS) {
    for (const ext of ['json', 'bin']) files.push({ from: join(assets.humanModels, `${model}.${ext}`), to: `models/${model}.${ext}` });
  }
  for (const name of readdirSync(assets.tfWasm).filter((n) => n.endsWith('.wasm'))) files.push({ from: join(assets.tfWasm, name), to: `wasm/${name}` });
  files.push({ from: join(assets.tesseractLang, 'eng.traineddata.gz'), to: 'tesseract/lang/eng.traineddata.gz' });
  files.push({ from: join(dirname(require.resolve('tesseract.js')), '..', 'dist', 'worker.min.js'), to: 'tesseract/worker.min.js' });
  const core = dirname(require.resolve('tesseract.js-core/package.json'));
  // The legacy engine needs the non-LSTM builds (wasm embedded); tesseract.js picks the fastest the
  // browser supports (relaxed SIMD, SIMD or plain) at run time.
  for (const name of readdirSync(core).filter((n) => /^tesseract-core(-simd|-relaxedsimd)?\.wasm\.js$/.test(n))) {
    files.push({ from: join(core, name), to: `tesseract/core/${name}` });
  }
  return files;
}

export function copyEngineFiles(outDir: string): number {
  let count = 0;
  for (const file of engineFiles()) {
    if (!existsSync(file.from)) throw new Error(`analysis engine file missing: ${file.from}`);
    const target = join(outDir, ENGINE_DIR, file.to);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file.from, target);
    count += 1;
  }
  return count;
}

/** Vite plugin: copies the engine files into the build output once the bundle is written. */
export function engineAssetsPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'station-engine-assets',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      copyEngineFiles(outDir);
    },
  };
}
