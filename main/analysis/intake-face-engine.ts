import type { FaceEngine } from '../../common/analysis/conformance';

let shared: Promise<FaceEngine> | null = null;

/**
 * The face detector main's intake uses to confirm a face is present before a face service is
 * queued: Human on WASM (the renderer's models), loaded on the first such submission and kept for
 * the process. A load that failed is tried again on the next submission.
 */
export function intakeFaceEngine(): Promise<FaceEngine> {
  shared ??= load().catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}

async function load(): Promise<FaceEngine> {
  // Imported here: sharp and Human stay out of processes that never take a selfie.
  const [{ createNodeFaceAnalyzer }, { decodeWithSharp }] = await Promise.all([import('./node-face-analyzer'), import('./node-image')]);
  const faces = await createNodeFaceAnalyzer();
  // One detection at a time: submissions arrive concurrently, and each holds a decoded image.
  let queue: Promise<unknown> = Promise.resolve();
  const detect: FaceEngine['faces']['detect'] = (image, mode) => {
    const run = queue.then(() => faces.detect(image, mode));
    queue = run.catch(() => undefined);
    return run;
  };
  return { decode: decodeWithSharp, faces: { detect, similarity: (a, b) => faces.similarity(a, b) } };
}
