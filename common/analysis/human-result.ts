import type { FaceAnalyzer, FaceLandmarks, FaceMode, FaceObservation, Point } from './face';
import { MESH, MESH_POINTS, MESH_RINGS, modeOverrides } from './human-config';
import { downscale, toRgb, type RawImage } from './pixels';
import { REQUIREMENTS } from './requirements';

/** The part of Human's per-face result the station reads (kept structural, so no Human types leak). */
export interface HumanFace {
  score: number;
  box: [number, number, number, number];
  mesh: Array<[number, number, number?]>;
  rotation?: { angle: { roll: number; yaw: number; pitch: number } } | null;
  real?: number;
  live?: number;
  embedding?: number[];
}

const point = (mesh: HumanFace['mesh'], index: number): Point | null => {
  const p = mesh[index];
  return p ? { x: p[0], y: p[1] } : null;
};
const midpoint = (a: Point | null, b: Point | null): Point | null => (a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : null);
const dist = (a: Point | null, b: Point | null) => (a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0);
const degrees = (radians: number | undefined) => ((radians ?? 0) * 180) / Math.PI;

/**
 * The face's own extent from its landmarks (brow to chin, cheek to cheek). Human's detector box is
 * padded to about twice the face, which would let a 120 px face pass a 224 px minimum.
 */
function meshBox(mesh: HumanFace['mesh'], scale: number) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of mesh.slice(0, 468)) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { x: minX * scale, y: minY * scale, width: (maxX - minX) * scale, height: (maxY - minY) * scale };
}

function landmarks(mesh: HumanFace['mesh'], scale: number): FaceLandmarks | null {
  const at = (index: number): Point | null => {
    const p = mesh[index];
    return p ? { x: p[0] * scale, y: p[1] * scale } : null;
  };
  const ring = (indices: readonly number[]) => indices.map(at).filter((p): p is Point => p !== null);
  const [noseTip, forehead, glabella, chin] = [at(MESH_POINTS.noseTip), at(MESH_POINTS.forehead), at(MESH_POINTS.glabella), at(MESH_POINTS.chin)];
  if (mesh.length < 468 || !noseTip || !forehead || !glabella || !chin) return null;
  return { rightEye: ring(MESH_RINGS.rightEye), leftEye: ring(MESH_RINGS.leftEye), lips: ring(MESH_RINGS.lips), oval: ring(MESH_RINGS.oval), noseTip, forehead, glabella, chin };
}

/** Converts Human's face into the station's observation; `scale` maps analysed pixels back to the image. */
export function toObservation(face: HumanFace, scale = 1): FaceObservation {
  const m = face.mesh;
  const s = (p: Point | null) => (p ? { x: p.x * scale, y: p.y * scale } : null);
  const rightWidth = dist(point(m, MESH.rightEyeOuter), point(m, MESH.rightEyeInner));
  const leftWidth = dist(point(m, MESH.leftEyeOuter), point(m, MESH.leftEyeInner));
  const hasMesh = m.length > MESH.leftEyeOuter;
  return {
    box: hasMesh ? meshBox(m, scale) : { x: face.box[0] * scale, y: face.box[1] * scale, width: face.box[2] * scale, height: face.box[3] * scale },
    score: face.score,
    rightEye: hasMesh ? s(midpoint(point(m, MESH.rightEyeOuter), point(m, MESH.rightEyeInner))) : null,
    leftEye: hasMesh ? s(midpoint(point(m, MESH.leftEyeOuter), point(m, MESH.leftEyeInner))) : null,
    eyeOpenness:
      hasMesh && rightWidth > 0 && leftWidth > 0
        ? {
            right: dist(point(m, MESH.rightEyeUpper), point(m, MESH.rightEyeLower)) / rightWidth,
            left: dist(point(m, MESH.leftEyeUpper), point(m, MESH.leftEyeLower)) / leftWidth,
          }
        : null,
    yaw: degrees(face.rotation?.angle.yaw),
    pitch: degrees(face.rotation?.angle.pitch),
    roll: degrees(face.rotation?.angle.roll),
    real: face.real ?? null,
    live: face.live ?? null,
    embedding: face.embedding && face.embedding.length > 0 ? [...face.embedding] : null,
    landmarks: landmarks(m, scale),
  };
}

/** The slice of a Human instance the station drives (Human types its `tf` as any; this pins it down). */
export interface HumanLike {
  tf: {
    tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): unknown;
    dispose(tensor: unknown): void;
    getBackend(): string;
  };
  detect(input: never, overrides?: object): Promise<{ face: unknown[] }>;
  match: { similarity(a: number[], b: number[]): number };
}

/** The same detection code for Node and the browser: only how Human was built differs. */
export function humanFaceAnalyzer(human: HumanLike): FaceAnalyzer {
  return {
    async detect(image: RawImage, mode: FaceMode) {
      const { image: input, scale } = mode === 'fast' ? downscale(image, REQUIREMENTS.live.inputSide.value) : { image: toRgb(image), scale: 1 };
      const data = input.data instanceof Uint8Array ? input.data : new Uint8Array(input.data.buffer, input.data.byteOffset, input.data.byteLength);
      const tensor = human.tf.tensor3d(data, [input.height, input.width, 3], 'int32');
      try {
        const result = await human.detect(tensor as never, modeOverrides(mode));
        return (result.face as HumanFace[]).map((face) => toObservation(face, scale));
      } finally {
        human.tf.dispose(tensor);
      }
    },
    similarity: (a, b) => human.match.similarity(a, b),
  };
}
