import { atLeast, atMost, type Check, type Verdict } from './check';
import { checkRule, type CheckId } from './check-rules';
import { eyeDistance, type FaceObservation } from './face';
import { blurMeasure } from './face-blur';
import { eyewearVerdict, faceMeasures, maskVerdict, innerFace, type FaceMeasures } from './face-measures';
import { lumaRegion, shareAtLeast, type RawImage } from './pixels';
import { REQUIREMENTS } from './requirements';

const S = REQUIREMENTS.selfie;
/** Warn when a pose angle uses more than this share of its allowance. */
const POSE_WARN_SHARE = 0.8;
/**
 * Face crops are measured at this width so sharpness compares across face sizes; small enough that
 * the softness of an upscaled or compressed photo does not read as blur, while real blur still does.
 */
export const FACE_CROP_WIDTH = 128;

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The rule's words come from check-rules.ts; what was found and what to do are the engine's own (CLI, intake). */
function check(id: CheckId, value: Check['value'], verdict: Verdict, good: string, bad: string, guidance: string): Check {
  return { id, value, threshold: checkRule(id), verdict, message: verdict === 'pass' ? good : bad, guidance: verdict === 'pass' ? '' : guidance };
}

/**
 * Exactly one face. Its value is the number found: none breaks Progeny's requirement that a face is
 * present (requirement-rules.ts); several is advice. Main's intake runs it alone on the bytes.
 */
export function faceCountCheck(faces: readonly FaceObservation[]): Check {
  return check(
    'face.count',
    faces.length,
    faces.length === 1 ? 'pass' : 'fail',
    'One face found.',
    faces.length === 0 ? 'No face was found in the photo.' : `${faces.length} faces were found; the photo must show only the customer.`,
    faces.length === 0
      ? "Take a new picture with the customer's whole face in view, facing the camera, in good light."
      : 'Ask anyone else to step out of view, or crop the photo to the customer alone.',
  );
}

/** Checks for a selfie: exactly one usable face, framed, posed and lit the way Progeny needs. */
export function selfieChecks(image: RawImage, faces: FaceObservation[]): Check[] {
  const checks: Check[] = [faceCountCheck(faces)];
  if (faces.length === 0) return checks;
  // With several faces, judge the largest: it is the one the operator meant.
  const face = faces.reduce((a, b) => (a.box.width * a.box.height >= b.box.width * b.box.height ? a : b));
  const side = Math.min(face.box.width, face.box.height);
  const eyes = eyeDistance(face);
  const enlargeable = canEnlarge(image, side);
  const sizeCheck = check(
    'face.size',
    Math.round(side),
    atLeast(side, S.minFaceSide.value),
    'The face is large enough.',
    `The face is ${Math.round(side)} px across; Progeny needs at least ${S.minFaceSide.value} px.`,
    enlargeable ? "The photo is small but the face fills it: “Fix automatically” enlarges it to Progeny's minimum." : 'Move the camera closer, or use a higher-resolution photo.',
  );
  if (sizeCheck.verdict === 'fail' && enlargeable) sizeCheck.fixable = true;
  const eyeCheck = check(
    'face.eye-distance',
    eyes === null ? null : Math.round(eyes),
    eyes === null ? 'warn' : atLeast(eyes, S.minEyeDistance.value),
    'The eyes are far enough apart in the image.',
    eyes === null ? 'The eyes could not be located.' : `The eyes are ${Math.round(eyes)} px apart; at least ${S.minEyeDistance.value} px is needed.`,
    enlargeable ? 'The photo is small but the face fills it: “Fix automatically” enlarges it.' : 'Move the camera closer so the face fills more of the frame.',
  );
  // The same enlargement repairs both, as long as it stays within the bounded factor.
  if (eyeCheck.verdict === 'fail' && enlargeable && eyes !== null && eyes * maxEnlargement() >= S.minEyeDistance.value) eyeCheck.fixable = true;
  checks.push(sizeCheck, eyeCheck);
  const pose = (id: CheckId, angle: number, limit: typeof S.maxYaw, bad: string, guidance: string) =>
    check(id, round(angle), atMost(Math.abs(angle), limit.value, limit.value * POSE_WARN_SHARE), 'The head is straight enough.', bad, guidance);
  checks.push(
    pose('face.yaw', face.yaw, S.maxYaw, `The head is turned ${Math.abs(round(face.yaw, 0))}° to the side.`, 'Ask the customer to look straight at the camera.'),
    pose('face.pitch', face.pitch, S.maxPitch, `The head is tilted ${Math.abs(round(face.pitch, 0))}° up or down.`, 'Ask the customer to keep their chin level and look at the camera.'),
    pose('face.roll', face.roll, S.maxRoll, `The head is leaning ${Math.abs(round(face.roll, 0))}° sideways.`, 'Ask the customer to hold their head upright, or hold the camera level.'),
  );

  const crop = lumaRegion(image, face.box, FACE_CROP_WIDTH);
  const measures = face.landmarks ? faceMeasures(image, face.landmarks) : null;
  checks.push(sharpnessCheck(image, face));
  if (measures) checks.push(exposureCheck(measures), eyewearCheck(measures), maskCheck(measures));
  const clipped = shareAtLeast(crop, 250);
  checks.push(
    check(
      'face.highlights',
      round(clipped, 3),
      atMost(clipped, S.maxClippedShare.value, S.maxClippedShare.value / 2),
      'No blown-out highlights on the face.',
      `${Math.round(clipped * 100)} % of the face is blown out to white.`,
      'Avoid flash and direct light on the face.',
    ),
  );

  const cx = (face.box.x + face.box.width / 2) / image.width - 0.5;
  const cy = (face.box.y + face.box.height / 2) / image.height - 0.5;
  const offset = Math.max(Math.abs(cx), Math.abs(cy));
  checks.push(
    check(
      'face.centred',
      round(offset, 2),
      atMost(offset, S.maxCentreOffset.value, S.maxCentreOffset.value * 0.7),
      'The face is centred.',
      'The face is far from the centre of the photo.',
      "Centre the customer's face in the frame.",
    ),
  );
  const margin = Math.min(face.box.x, face.box.y, image.width - (face.box.x + face.box.width), image.height - (face.box.y + face.box.height)) / side;
  checks.push(
    check(
      'face.cut-off',
      round(margin, 2),
      margin < 0 ? 'fail' : atLeast(margin, S.minEdgeMargin.value),
      'The whole face is in the photo.',
      'Part of the face is cut off by the edge of the photo.',
      'Step back or re-frame so the whole head is visible.',
    ),
  );
  const eyesOpen = eyesOpenCheck(face, measures);
  if (eyesOpen) checks.push(eyesOpen);
  return checks;
}

/** Largest enlargement auto-fix may make: from the recogniser floor up to Progeny's minimum. */
export const maxEnlargement = (): number => S.minFaceSide.value / S.minFaceSideToEnlarge.value;

/**
 * A small photo whose face fills it can be enlarged to Progeny's pixel minimum without inventing
 * detail a recogniser needs; a small face in a large frame means the customer stood too far away.
 */
function canEnlarge(image: RawImage, side: number): boolean {
  return side >= S.minFaceSideToEnlarge.value && side / Math.min(image.width, image.height) >= S.minFaceShareToEnlarge.value;
}

function sharpnessCheck(image: RawImage, face: FaceObservation): Check {
  // The inner face (no hair, no background) at a fixed width, so face size and framing cancel out.
  const region = face.landmarks ? innerFace(face.landmarks) : face.box;
  const blur = blurMeasure(lumaRegion(image, region, FACE_CROP_WIDTH));
  const directional = Math.max(blur.horizontal, blur.vertical, blur.diagonal, blur.antidiagonal) - Math.min(blur.horizontal, blur.vertical, blur.diagonal, blur.antidiagonal) > 0.2;
  return check(
    'face.sharpness',
    round(blur.blur, 2),
    atMost(blur.blur, S.maxBlurFail.value, S.maxBlurWarn.value),
    'The face is in focus.',
    directional ? 'The face is smeared by movement.' : 'The face is blurred.',
    directional ? 'Ask the customer to hold still and keep the camera steady, then take the photo again.' : 'Let the camera focus on the face, clean the lens, and take the photo again.',
  );
}

function exposureCheck(m: FaceMeasures): Check {
  const { p95, median, clipped } = m.skin;
  const dark = atLeast(p95, S.minSkinHighlightFail.value, S.minSkinHighlightWarn.value);
  const bright = worstOf(atMost(median, S.maxSkinMedianFail.value, S.maxSkinMedianWarn.value), atMost(clipped, S.maxSkinClippedFail.value, S.maxSkinClippedFail.value / 3));
  const tooDark = dark !== 'pass';
  return check(
    'face.exposure',
    round(tooDark ? p95 : median, 0),
    worstOf(dark, bright),
    'The face is well exposed.',
    tooDark ? 'The face is under-exposed: even its brightest skin is dark.' : 'The face is over-exposed: the skin is washed out.',
    tooDark ? 'Add light in front of the customer, not behind, and take the photo again.' : 'Reduce direct light or flash on the face, move away from the window, and take the photo again.',
  );
}

function eyewearCheck(m: FaceMeasures): Check {
  const { eyeWhite, verdict } = eyewearVerdict(m);
  return check(
    'face.eyewear',
    round(eyeWhite, 2),
    verdict,
    'The eyes are uncovered.',
    'The eyes are hidden behind dark glasses.',
    'Take off the sunglasses (and any tinted glasses) and take the photo again.',
  );
}

function maskCheck(m: FaceMeasures): Check {
  const skinShare = m.lowerSkinShare;
  const verdict = maskVerdict(m);
  return check(
    'face.mask',
    round(skinShare, 2),
    verdict,
    'The nose, mouth and chin are uncovered.',
    'The nose, mouth and chin are covered (a mask or a scarf?).',
    'Lower the mask / uncover the mouth and chin, then take the photo again.',
  );
}

/**
 * Closed eyes fail every selfie role (liveness, register, authenticate, KYC). Under dark glasses the
 * mesh still draws open lids, so hidden eyes cannot count as open.
 */
function eyesOpenCheck(face: FaceObservation, m: FaceMeasures | null): Check | null {
  if (m && eyewearCheck(m).verdict === 'fail') {
    return {
      ...check(
        'face.eyes-open',
        null,
        'fail',
        '',
        'The eyes cannot be seen, so they cannot be confirmed open.',
        'Take off the sunglasses and ask the customer to look at the camera with both eyes open.',
      ),
    };
  }
  if (!face.eyeOpenness) return null;
  const openness = Math.min(face.eyeOpenness.left, face.eyeOpenness.right);
  return check(
    'face.eyes-open',
    round(openness, 2),
    atLeast(openness, S.minEyeOpenness.value),
    'Both eyes are open.',
    'The eyes look closed.',
    'Ask the customer to open both eyes and look at the camera, then take the photo again.',
  );
}

const worstOf = (a: Verdict, b: Verdict): Verdict => (a === 'fail' || b === 'fail' ? 'fail' : a === 'warn' || b === 'warn' ? 'warn' : 'pass');
