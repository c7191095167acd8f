import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Human } from '@vladmandic/human';
import type { FaceAnalyzer } from '../../common/analysis/face';
import { HUMAN_MODELS, humanConfig } from '../../common/analysis/human-config';
import { humanFaceAnalyzer } from '../../common/analysis/human-result';
import { analysisAssets, type AnalysisAssets } from './asset-paths';

const requireHere = createRequire(import.meta.url);

interface TfIo {
  io: {
    registerLoadRouter(router: (url: string | string[]) => unknown): void;
    getModelArtifactsForJSON(json: unknown, loadWeights: (manifest: Array<{ paths: string[]; weights: unknown[] }>) => Promise<[unknown[], ArrayBuffer]>): Promise<unknown>;
  };
}

let routerInstalled = false;

/** tfjs loads models with fetch(), which has no file: support in Node; read model files from disk. */
function installFileRouter(): void {
  if (routerInstalled) return;
  routerInstalled = true;
  const tf = requireHere('@tensorflow/tfjs-core') as TfIo;
  tf.io.registerLoadRouter((url) => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null;
    const file = fileURLToPath(url);
    return {
      load: async () =>
        tf.io.getModelArtifactsForJSON(JSON.parse(await readFile(file, 'utf8')), async (manifest) => {
          const specs: unknown[] = [];
          const parts: Buffer[] = [];
          for (const group of manifest) {
            specs.push(...group.weights);
            for (const path of group.paths) parts.push(await readFile(join(dirname(file), path)));
          }
          const all = Buffer.concat(parts);
          return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)];
        }),
    };
  });
}

/** Human on the WASM backend in Node: the same models and results as in the renderer. */
export async function createNodeFaceAnalyzer(assets: AnalysisAssets = analysisAssets()): Promise<FaceAnalyzer> {
  installFileRouter();
  const { Human: HumanClass } = requireHere(assets.humanNodeWasm) as { Human: new (config: object) => Human };
  const human = new HumanClass(humanConfig(`${pathToFileURL(assets.humanModels).href}/`, `${assets.tfWasm}/`));
  await human.init();
  await human.load();
  const loaded = human.models.loaded();
  const missing = HUMAN_MODELS.filter((name) => !loaded.includes(name));
  // Human's load() does not throw when a model is missing; a half-loaded engine must not judge anyone.
  if (missing.length > 0) throw new Error(`face models failed to load: ${missing.join(', ')} (from ${assets.humanModels})`);

  return humanFaceAnalyzer(human);
}
