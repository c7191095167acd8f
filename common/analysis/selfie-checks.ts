import { atLeast, atMost, type Check, type Verdict } from './check';
import { eyeDistance, type FaceObservation } from './face';
import { laplacianVariance, lumaRegion, meanOf, shareAtLeast, type RawImage } from './pixels';
import { describeLimit, REQUIREMENTS } from './requirements';

const S = REQUIREMENTS.selfie;
/** Warn when a pose angle uses more than this share of its allowance. */
const POSE_WARN_SHARE = 0.8;
/**
 * Face crops are measured at this width so sharpness compares across face sizes; small enough that
 * the softness of an upscaled or compressed photo does not read as blur, while real blur still does.
 */
export const FACE_CROP_WIDTH = 128;

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function check(id: string, value: Check['value'], threshold: string, verdict: Verdict, good: string, bad: string, guidance: string): Check {
  return { id, value, threshold, verdict, message: verdict === 'pass' ? good : bad, guidance: verdict === 'pass' ? '' : guidance };
}

/** Checks for a selfie: exactly one usable face, framed, posed and lit the way Progeny needs. */
export function selfieChecks(image: RawImage, faces: FaceObservation[]): Check[] {
  const countVerdict: Verdict = faces.length === 1 ? 'pass' : 'fail';
  const checks: Check[] = [
    check(
      'face.count',
      faces.length,
      'exactly 1 face',
      countVerdict,
      'One face found.',
      faces.length === 0 ? 'No face was found in the photo.' : `${faces.length} faces were found; the photo must show only the customer.`,
      faces.length === 0 ? 'Make sure the customer\'s whole face is in view, facing the camera, in good light.' : 'Ask anyone else to step out of view, or crop the photo to the customer alone.',
    ),
  ];
  if (faces.length === 0) return checks;
  // With several faces, judge the largest: it is the one the operator meant.
  const face = faces.reduce((a, b) => (a.box.width * a.box.height >= b.box.width * b.box.height ? a : b));
  const side = Math.min(face.box.width, face.box.height);
  checks.push(
    check('face.size', Math.round(side), describeLimit('≥', S.minFaceSide), atLeast(side, S.minFaceSide.value), 'The face is large enough.', `The face is ${Math.round(side)} px across; Progeny needs at least ${S.minFaceSide.value} px.`, 'Move the camera closer, or use a higher-resolution photo.'),
  );
  const eyes = eyeDistance(face);
  checks.push(
    check('face.eye-distance', eyes === null ? null : Math.round(eyes), describeLimit('≥', S.minEyeDistance), eyes === null ? 'warn' : atLeast(eyes, S.minEyeDistance.value), 'The eyes are far enough apart in the image.', eyes === null ? 'The eyes could not be located.' : `The eyes are ${Math.round(eyes)} px apart; at least ${S.minEyeDistance.value} px is needed.`, 'Move the camera closer so the face fills more of the frame.'),
  );
  const pose = (id: string, angle: number, limit: typeof S.maxYaw, bad: string, guidance: string) =>
    check(id, round(angle), `within ±${limit.value}°`, atMost(Math.abs(angle), limit.value, limit.value * POSE_WARN_SHARE), 'The head is straight enough.', bad, guidance);
  checks.push(
    pose('face.yaw', face.yaw, S.maxYaw, `The head is turned ${Math.abs(round(face.yaw, 0))}° to the side.`, 'Ask the customer to look straight at the camera.'),
    pose('face.pitch', face.pitch, S.maxPitch, `The head is tilted ${Math.abs(round(face.pitch, 0))}° up or down.`, 'Ask the customer to keep their chin level and look at the camera.'),
    pose('face.roll', face.roll, S.maxRoll, `The head is leaning ${Math.abs(round(face.roll, 0))}° sideways.`, 'Ask the customer to hold their head upright, or hold the camera level.'),
  );

  const crop = lumaRegion(image, face.box, FACE_CROP_WIDTH);
  const sharpness = laplacianVariance(crop);
  checks.push(
    check('face.sharpness', round(sharpness, 0), describeLimit('≥', S.sharpnessWarn), atLeast(sharpness, S.sharpnessFail.value, S.sharpnessWarn.value), 'The face is in focus.', 'The face is blurred.', 'Hold the camera still, let it focus, and clean the lens.'),
  );
  const luma = meanOf(crop);
  const exposure: Verdict = luma < S.minFaceLuma.value || luma > S.maxFaceLuma.value ? 'fail' : luma < S.minFaceLuma.value + 15 || luma > S.maxFaceLuma.value - 15 ? 'warn' : 'pass';
  checks.push(
    check('face.exposure', round(luma, 0), `mean luma ${S.minFaceLuma.value}–${S.maxFaceLuma.value}`, exposure, 'The face is evenly lit.', luma < 128 ? 'The face is too dark.' : 'The face is too bright.', luma < 128 ? 'Add light in front of the customer, not behind.' : 'Reduce direct light or move away from the window.'),
  );
  const clipped = shareAtLeast(crop, 250);
  checks.push(
    check('face.highlights', round(clipped, 3), describeLimit('≤', S.maxClippedShare), atMost(clipped, S.maxClippedShare.value, S.maxClippedShare.value / 2), 'No blown-out highlights on the face.', `${Math.round(clipped * 100)} % of the face is blown out to white.`, 'Avoid flash and direct light on the face.'),
  );

  const cx = (face.box.x + face.box.width / 2) / image.width - 0.5;
  const cy = (face.box.y + face.box.height / 2) / image.height - 0.5;
  const offset = Math.max(Math.abs(cx), Math.abs(cy));
  checks.push(
    check('face.centred', round(offset, 2), describeLimit('≤', S.maxCentreOffset), atMost(offset, S.maxCentreOffset.value, S.maxCentreOffset.value * 0.7), 'The face is centred.', 'The face is far from the centre of the photo.', 'Centre the customer\'s face in the frame.'),
  );
  const margin = Math.min(face.box.x, face.box.y, image.width - (face.box.x + face.box.width), image.height - (face.box.y + face.box.height)) / side;
  checks.push(
    check('face.cut-off', round(margin, 2), describeLimit('≥', S.minEdgeMargin), margin < 0 ? 'fail' : atLeast(margin, S.minEdgeMargin.value), 'The whole face is in the photo.', 'Part of the face is cut off by the edge of the photo.', 'Step back or re-frame so the whole head is visible.'),
  );
  if (face.eyeOpenness) {
    const openness = Math.min(face.eyeOpenness.left, face.eyeOpenness.right);
    checks.push(
      check('face.eyes-open', round(openness, 2), describeLimit('≥', S.minEyeOpenness), atLeast(openness, S.minEyeOpenness.value) === 'fail' ? 'warn' : 'pass', 'Both eyes are open.', 'The eyes look closed or covered.', 'Ask the customer to open their eyes and remove dark glasses.'),
    );
  }
  return checks;
}
