/**
 * One selfie through the engine, reported as Progeny's `liveness` block with its documented
 * quirks: FACE_NOT_FOUND nests error/error_code inside `liveness.data` with result.status 200 (the
 * Overview example), while the other refusals (FACE_TOO_SMALL documented; FACE_TOO_CLOSE,
 * FACE_ANGLE_TOO_LARGE, FAILED_TO_READ_IMAGE inferred from the v2 code table) put them directly on
 * `liveness` with result.status 400 (the face_liveness example). A face that was analysed but not
 * judged live has its scores, `result: false` and the sandbox's own code LIVENESS_FAILED.
 *
 * A face whose eyes are hidden (sunglasses) or closed, or whose lower half is covered (a mask),
 * is refused like a face too small, with the sandbox's own codes (OCCLUSION_ERRORS): Progeny's
 * providers refuse such selfies too, but the docs name no code for it. The decision is the
 * pre-check's own selfie checks (selfie-checks.ts), so training and the station agree.
 */
import type { FaceObservation } from '../../common/analysis/face';
import { readImageHeader } from '../../common/analysis/image-header';
import { selfieChecks } from '../../common/analysis/selfie-checks';
import type { RawImage } from '../../common/analysis/pixels';
import { REQUIREMENTS } from '../../common/analysis/requirements';
import { faceEmbedding } from './face-embedding';
import { measureFace, scoreLiveness, type LivenessMeasures } from './liveness-scoring';
import type { SandboxEngine } from './sandbox-types';

export const LIVENESS_ERRORS = {
  FAILED_TO_READ_IMAGE: 'Failed to read image',
  FACE_NOT_FOUND: 'Failed to detect face',
  FACE_TOO_SMALL: 'Absolute face size is too small',
  FACE_TOO_CLOSE: 'Face is too close to the camera',
  FACE_ANGLE_TOO_LARGE: 'Face angle is too large',
  // The sandbox's own codes (see the header comment), in Progeny's style.
  FACE_EYES_COVERED: 'Eyes are covered by dark glasses',
  FACE_EYES_CLOSED: 'Eyes are closed',
  FACE_LOWER_COVERED: 'Mouth and chin are covered',
} as const;
export type LivenessErrorCode = keyof typeof LIVENESS_ERRORS | 'LIVENESS_FAILED';

/** Which failing pre-check selfie check refuses the face, in the order they are reported. */
const OCCLUSION_REFUSALS: ReadonlyArray<readonly [checkId: string, code: keyof typeof LIVENESS_ERRORS]> = [
  ['face.eyewear', 'FACE_EYES_COVERED'],
  ['face.mask', 'FACE_LOWER_COVERED'],
  ['face.eyes-open', 'FACE_EYES_CLOSED'],
];

export interface Issue {
  code: LivenessErrorCode;
  message: string;
}

export interface SelfieAnalysis {
  /** result.status the liveness outcome implies. */
  status: 200 | 400;
  /** The `liveness` block, exactly as it goes into the result. */
  block: Record<string, unknown>;
  passed: boolean;
  issue: Issue | null;
  /** The face the decision was about (the largest), when one was found and usable. */
  face: FaceObservation | null;
  measures: LivenessMeasures | null;
}

/** Faces wider than this share of the image's shorter side are "too close" (sandbox policy). */
const MAX_FACE_SHARE = 0.85;

/** Decodes JPEG/PNG only (Progeny: "Use PNG, JPEG or JPG"); null when the image cannot be read. */
export async function decodeUpload(bytes: Uint8Array, engine: SandboxEngine): Promise<RawImage | null> {
  const header = readImageHeader(bytes);
  // A JPEG that lost only its end marker still holds the whole picture (the pre-check accepts it too).
  const incomplete = header.truncated && header.pictureComplete !== true;
  if ((header.format !== 'jpeg' && header.format !== 'png') || incomplete) return null;
  try {
    return await engine.decode(bytes);
  } catch {
    return null;
  }
}

export const largestFace = (faces: FaceObservation[]): FaceObservation | null =>
  faces.reduce<FaceObservation | null>((best, f) => (!best || f.box.width * f.box.height > best.box.width * best.box.height ? f : best), null);

function refusal(code: keyof typeof LIVENESS_ERRORS, face: FaceObservation | null = null): SelfieAnalysis {
  const message = LIVENESS_ERRORS[code];
  const issue = { code, message };
  if (code === 'FACE_NOT_FOUND') {
    return { status: 200, block: { data: { error: message, error_code: code }, result: false }, passed: false, issue, face, measures: null };
  }
  return { status: 400, block: { result: false, error: message, error_code: code }, passed: false, issue, face, measures: null };
}

/** Which documented refusal applies to this face, if any (size, then distance, then pose). */
export function faceRefusal(face: FaceObservation, image: { width: number; height: number }): keyof typeof LIVENESS_ERRORS | null {
  const side = Math.min(face.box.width, face.box.height);
  if (side < REQUIREMENTS.selfie.minFaceSide.value) return 'FACE_TOO_SMALL';
  const { x, y, width, height } = face.box;
  const cutOff = x < 0 || y < 0 || x + width > image.width || y + height > image.height;
  if (cutOff || side > MAX_FACE_SHARE * Math.min(image.width, image.height)) return 'FACE_TOO_CLOSE';
  if (Math.abs(face.yaw) > REQUIREMENTS.selfie.maxYaw.value || Math.abs(face.pitch) > REQUIREMENTS.selfie.maxPitch.value) return 'FACE_ANGLE_TOO_LARGE';
  return null;
}

/**
 * Hidden eyes, closed eyes or a covered lower face, judged by the pre-check's selfie checks on the
 * chosen face; only a failure refuses (a warning is left to the liveness decision).
 */
export function occlusionRefusal(image: RawImage, face: FaceObservation): keyof typeof LIVENESS_ERRORS | null {
  const failing = new Set(
    selfieChecks(image, [face])
      .filter((c) => c.verdict === 'fail')
      .map((c) => c.id),
  );
  return OCCLUSION_REFUSALS.find(([id]) => failing.has(id))?.[1] ?? null;
}

export async function analyseSelfie(bytes: Uint8Array, engine: SandboxEngine): Promise<SelfieAnalysis> {
  const image = await decodeUpload(bytes, engine);
  if (!image) return refusal('FAILED_TO_READ_IMAGE');
  const face = largestFace(await engine.faces.detect(image, 'full'));
  if (!face) return refusal('FACE_NOT_FOUND');
  const refused = faceRefusal(face, image) ?? occlusionRefusal(image, face);
  if (refused) return refusal(refused, face);

  const measures = measureFace(image, face);
  const scores = scoreLiveness(measures);
  // The descriptor from a normalised crop (face-embedding.ts), what registrations and matches compare.
  const embedding = await faceEmbedding(image, face, engine.faces);
  return {
    status: 200,
    block: { data: { score: scores.score, quality: scores.quality, probability: scores.probability }, result: scores.passed },
    passed: scores.passed,
    issue: scores.reason ? { code: 'LIVENESS_FAILED', message: scores.reason } : null,
    face: { ...face, embedding },
    measures,
  };
}

/** `issues.liveness` for a failed analysis. */
export const livenessIssues = (analysis: SelfieAnalysis): Record<string, string> | null => (analysis.issue ? { [analysis.issue.code]: analysis.issue.message } : null);
