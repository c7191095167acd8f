/**
 * Human's configuration for the station, shared by the Node and browser adapters so both run the
 * same models with the same settings (paths are filled in by each adapter).
 */
import type { FaceMode } from './face';

export const HUMAN_MODELS = ['blazeface', 'facemesh', 'iris', 'faceres', 'antispoof', 'liveness'] as const;

/** MediaPipe face-mesh indices: eye corners (stable) and eyelids, as seen in the image. */
export const MESH = {
  rightEyeOuter: 33,
  rightEyeInner: 133,
  rightEyeUpper: 159,
  rightEyeLower: 145,
  leftEyeInner: 362,
  leftEyeOuter: 263,
  leftEyeUpper: 386,
  leftEyeLower: 374,
} as const;

/**
 * MediaPipe face-mesh rings the occlusion checks sample (indices from MediaPipe's
 * face_mesh_connections: FACEMESH_RIGHT_EYE / LEFT_EYE / LIPS outer / FACE_OVAL), plus single
 * points: nose tip (1), mid-forehead (151), between the brows (9), and the chin (152).
 */
export const MESH_RINGS = {
  rightEye: [33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246],
  leftEye: [263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466],
  lips: [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185],
  oval: [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109],
} as const;
export const MESH_POINTS = { noseTip: 1, forehead: 151, glabella: 9, chin: 152 } as const;

/** Faces below this detector confidence are not counted. */
export const MIN_FACE_CONFIDENCE = 0.5;

export function humanConfig(modelBasePath: string, wasmPath: string) {
  return {
    backend: 'wasm' as const,
    modelBasePath,
    wasmPath,
    wasmPlatformFetch: false,
    cacheModels: false,
    debug: false,
    warmup: 'none' as const,
    // Stills must each be analysed for real; frame-skipping caches are for video effects.
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: {
      enabled: true,
      // rotation: a face leaning past ~30° gets a wrong mesh (and roll) unless the crop is turned first.
      detector: { modelPath: 'blazeface.json', rotation: true, maxDetected: 5, minConfidence: MIN_FACE_CONFIDENCE, return: false },
      mesh: { enabled: true, modelPath: 'facemesh.json' },
      iris: { enabled: true, modelPath: 'iris.json' },
      emotion: { enabled: false },
      description: { enabled: true, modelPath: 'faceres.json' },
      antispoof: { enabled: true, modelPath: 'antispoof.json' },
      liveness: { enabled: true, modelPath: 'liveness.json' },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    gesture: { enabled: false },
  };
}

/** Per-call overrides: the fast path skips everything but detector and mesh. */
export function modeOverrides(mode: FaceMode) {
  const full = mode === 'full';
  return { face: { iris: { enabled: full }, description: { enabled: full }, antispoof: { enabled: full }, liveness: { enabled: full } } };
}
