/**
 * Measurements on the face itself, region by region from the mesh outlines: what the eyes, the
 * mouth and the skin look like compared with each other, so that skin tone, lighting and face size
 * cancel out of the numbers the checks judge.
 */
import type { FaceLandmarks, Point } from './face';
import { bounds, centroid, median, quantile, rectangle, sampleRegion, scaled, type RegionSample } from './face-regions';
import { atLeast, type Verdict } from './check';
import type { RawImage } from './pixels';
import { REQUIREMENTS } from './requirements';

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/** Position along the face's own axis (brows to chin), so cuts follow a tilted head. */
function alongAxis(l: FaceLandmarks) {
  const axis = { x: l.chin.x - l.glabella.x, y: l.chin.y - l.glabella.y };
  return (p: Point) => (p.x - l.glabella.x) * axis.x + (p.y - l.glabella.y) * axis.y;
}

/**
 * The upper face's skin (forehead, temples, cheeks above the nose tip; no eyes or brows): the
 * reference every other region is compared with. Above the nose tip because a mask, a beard or a
 * hand covers the lower face and would otherwise drag the reference with it.
 */
function skinSample(image: RawImage, l: FaceLandmarks): RegionSample {
  const along = alongAxis(l);
  const cut = along(l.noseTip);
  const upper = scaled(l.oval, 0.8).filter((p) => along(p) < cut);
  return sampleRegion(image, upper, [scaled(l.rightEye, 2.2), scaled(l.leftEye, 2.2)]);
}

/** The part of the face below the nose tip (where a mask sits), cut off along the face's own axis. */
function lowerFace(l: FaceLandmarks): Point[] {
  const along = alongAxis(l);
  const cut = along(l.noseTip);
  return scaled(l.oval, 0.92).filter((p) => along(p) > cut);
}

/** Cheek skin just under each eye, where a mask does not reach. */
function upperCheeks(l: FaceLandmarks): Point[][] {
  return [l.rightEye, l.leftEye].map((eye) => {
    const c = centroid(eye);
    const b = bounds(eye);
    const drop = (l.noseTip.y - c.y) * 0.3;
    return rectangle(c.x - b.width * 0.4, c.y + drop - b.width * 0.2, b.width * 0.8, b.width * 0.4);
  });
}

/** A square of skin on the forehead, centred on the mesh's mid-forehead point. */
function foreheadPatch(l: FaceLandmarks): Point[] {
  const side = dist(centroid(l.rightEye), centroid(l.leftEye)) * 0.6;
  const c = { x: (l.forehead.x + l.glabella.x) / 2, y: (l.forehead.y + l.glabella.y) / 2 };
  return rectangle(c.x - side / 2, c.y - side / 2, side, side);
}

export interface EyeMeasure {
  /** Brightest tenth inside the lids (the white of the eye) over the skin's median luma. */
  whiteToSkin: number;
  /** Spread (p90 − p10) of luma around the eye over the skin's median: lids, lashes, white and iris make a real eye busy. */
  contrastToSkin: number;
}

export interface FaceMeasures {
  skin: { median: number; p05: number; p95: number; clipped: number; crushed: number; count: number };
  rightEye: EyeMeasure;
  leftEye: EyeMeasure;
  /** Mouth versus the skin ring around it: lips are redder than skin, a mask's cloth is not. */
  lipRedness: number;
  /** Chroma distance between the lower face and the upper face's skin (forehead and upper cheeks) (0 = same colour). */
  lowerChromaDistance: number;
  /** Share of the lower face whose chroma is within skin tolerance of the upper face's skin. */
  lowerSkinShare: number;
  /** Luma spread (p90 − p10) of the lower face over the skin median. */
  lowerContrast: number;
}

function eyeMeasure(image: RawImage, contour: Point[], skinMedian: number): EyeMeasure {
  const lids = sampleRegion(image, contour);
  const around = sampleRegion(image, scaled(contour, 1.8));
  return {
    whiteToSkin: quantile(lids.luma, 0.9) / skinMedian,
    contrastToSkin: (quantile(around.luma, 0.9) - quantile(around.luma, 0.1)) / skinMedian,
  };
}

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Chroma tolerance around the forehead's colour that still counts as the same skin (Cb/Cr units). */
const SKIN_CHROMA_TOLERANCE = 12;

export function faceMeasures(image: RawImage, l: FaceLandmarks): FaceMeasures {
  const skin = skinSample(image, l);
  const skinMedian = Math.max(1, median(skin.luma));
  let clipped = 0;
  let crushed = 0;
  for (const v of skin.luma) {
    if (v >= 250) clipped += 1;
    if (v <= 15) crushed += 1;
  }

  const lips = sampleRegion(image, l.lips);
  const lipRing = sampleRegion(image, scaled(l.lips, 1.7), [scaled(l.lips, 1.15)]);
  const lower = sampleRegion(image, lowerFace(l), [scaled(l.lips, 1.15)]);
  const [rightCheek, leftCheek] = upperCheeks(l).map((patch) => sampleRegion(image, patch));
  const forehead = sampleRegion(image, foreheadPatch(l));
  const reference = { cb: concat(forehead.cb, rightCheek!.cb, leftCheek!.cb), cr: concat(forehead.cr, rightCheek!.cr, leftCheek!.cr) };
  const refCb = median(reference.cb);
  const refCr = median(reference.cr);
  let near = 0;
  for (let i = 0; i < lower.count; i += 1) if (Math.hypot(lower.cb[i]! - refCb, lower.cr[i]! - refCr) <= SKIN_CHROMA_TOLERANCE) near += 1;

  return {
    skin: {
      median: skinMedian,
      p05: quantile(skin.luma, 0.05),
      p95: quantile(skin.luma, 0.95),
      clipped: clipped / Math.max(1, skin.count),
      crushed: crushed / Math.max(1, skin.count),
      count: skin.count,
    },
    rightEye: eyeMeasure(image, l.rightEye, skinMedian),
    leftEye: eyeMeasure(image, l.leftEye, skinMedian),
    lipRedness: median(lips.cr) - median(lipRing.cr),
    lowerChromaDistance: Math.hypot(median(lower.cb) - refCb, median(lower.cr) - refCr),
    lowerSkinShare: near / Math.max(1, lower.count),
    lowerContrast: (quantile(lower.luma, 0.9) - quantile(lower.luma, 0.1)) / skinMedian,
  };
}

/** The face's inner rectangle (brows to chin, cheek to cheek) for the blur measure. */
export const innerFace = (l: FaceLandmarks) => bounds(scaled(l.oval, 0.85));

/**
 * Whether dark glasses hide the eyes: no eye white in either eye, or dark and flat around both.
 * One rule for the still's check and the camera's live prompt.
 */
export function eyewearVerdict(m: FaceMeasures): { eyeWhite: number; contrast: number; verdict: Verdict } {
  const S = REQUIREMENTS.selfie;
  const eyeWhite = Math.max(m.rightEye.whiteToSkin, m.leftEye.whiteToSkin);
  const contrast = Math.max(m.rightEye.contrastToSkin, m.leftEye.contrastToSkin);
  const verdict: Verdict = eyeWhite < S.minEyeWhite.value ? 'fail' : eyeWhite < S.maxLensBrightness.value ? atLeast(contrast, S.minEyeContrastFail.value, S.minEyeContrastWarn.value) : 'pass';
  return { eyeWhite, contrast, verdict };
}

/**
 * Whether a mask or scarf covers the nose, mouth and chin. Lips redder than the skin around them
 * are the evidence of a bare mouth; without them, little skin-coloured lower face, or a lower face
 * mostly of another colour, means it is covered. One rule for the still's check and the live prompt.
 */
export function maskVerdict(m: FaceMeasures): Verdict {
  const S = REQUIREMENTS.selfie;
  if (m.lipRedness <= S.maxMouthPallor.value) return 'fail';
  const lipsVisible = m.lipRedness >= S.minLipContrast.value;
  if (m.lowerSkinShare >= S.minLowerSkinShare.value) {
    return !lipsVisible && m.lowerSkinShare < S.coveredLowerSkinShare.value && m.lowerChromaDistance > S.maxLowerChromaDistance.value ? 'fail' : 'pass';
  }
  // Lips redder than the skin around them cannot be under cloth: a beard or make-up, not a mask.
  return lipsVisible ? 'pass' : 'fail';
}
