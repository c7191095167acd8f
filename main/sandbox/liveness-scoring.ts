/**
 * How the sandbox turns the engine's face analysis into Progeny's liveness numbers and verdict.
 *
 * Progeny reports `probability` (0–1), `score` and `quality` (0–1). The docs' example satisfies
 * score = ln(p / (1 − p)) exactly (0.930498 → 2.5943651), so `score` here is the logit of the
 * probability: positive means "more likely live than not".
 *
 * Calibration, measured with this engine (test/main/sandbox/liveness.test.ts; SANDBOX_CALIBRATION=1
 * prints it): 11 real-photo fixtures, and 4 of them turned into a "screen replay" (scanlines every
 * 3 px, moiré, blue cast, glare) and a greyscale "printout" (paper tint, fibre noise, halftone):
 *
 * | measure                                 | real photos | screen replays | printouts |
 * |-----------------------------------------|-------------|----------------|-----------|
 * | Human antispoof `real`                  | 0.37–0.68   | 0.48–0.71      | 0.58–0.73 |
 * | Human liveness `live`                   | 0.78–1.00   | 0.63–0.85      | 0.38–0.86 |
 * | face saturation, mean (max−min)/max     | 0.43–0.76   | 0.25–0.54      | 0.11–0.18 |
 * | row stripes (grey levels, see below)    | 0.08–0.48   | 5.3–12.6       | 0.54–0.60 |
 * Deliberately degraded captures fail on quality (and skin colour): darkened quality 0.05 (live
 * 0.44), washed out quality 0 (saturation 0.11), blurred quality 0.28 (sharpness 3).
 *
 * What the models can and cannot separate, honestly: `real` does not separate anything here (the
 * spoofs score higher than the real photos), so it decides nothing and is only reported with
 * extend_data. `live` overlaps: a threshold at the lowest real photo (0.78, no margin) would reject
 * 4 of the 8 spoofs, and with milder artefacts spoofs reached 0.98 in an earlier run; its pass mark
 * here (0.5) only rejects faces the model is fairly sure about. The spoofs are caught by two plain
 * image cues aimed at exactly these artefacts: near-grey skin (a greyscale print) and strong
 * periodic row banding (a screen's scanlines). A colour print, a screen whose lines are not
 * resolved, a mask or a replayed video would pass. Training mode shows the flow and the result
 * shapes; it is not a presentation-attack detector.
 */
import { laplacianVariance, lumaRegion, meanOf, shareAtLeast, type RawImage, type Rect } from '../../common/analysis/pixels';
import { FACE_CROP_WIDTH } from '../../common/analysis/selfie-checks';

export const LIVENESS_THRESHOLDS = {
  /** The pass mark on `probability`. */
  probability: 0.5,
  /** Below this `quality` (blur, very dark or washed-out face) no liveness decision is trusted. */
  quality: 0.35,
  /** Mean saturation of the face below this looks like a greyscale print. */
  minSaturation: 0.2,
  /** Row-banding energy above this looks like a screen's scanlines. */
  maxStripes: 2,
  /** A presentation-attack cue multiplies the probability by this. */
  spoofFactor: 0.1,
} as const;

export interface LivenessMeasures {
  real: number | null;
  live: number | null;
  saturation: number;
  stripes: number;
  sharpness: number;
  luma: number;
  clipped: number;
}

export interface LivenessScores {
  probability: number;
  score: number;
  quality: number;
  passed: boolean;
  /** Why it failed, for issues.liveness (null when it passed). */
  reason: string | null;
}

function clampRect(image: RawImage, rect: Rect) {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(image.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(image.height, Math.ceil(rect.y + rect.height));
  return { x0, y0, x1: Math.max(x0 + 1, x1), y1: Math.max(y0 + 1, y1) };
}

/** Mean HSV-style saturation of the face's pixels (ignoring near-black ones), 0–1. */
export function faceSaturation(image: RawImage, box: Rect): number {
  const { x0, y0, x1, y1 } = clampRect(image, box);
  let sum = 0;
  let count = 0;
  for (let y = y0; y < y1; y += 2) {
    for (let x = x0; x < x1; x += 2) {
      const i = (y * image.width + x) * image.channels;
      const r = image.data[i]!;
      const g = image.data[i + 1]!;
      const b = image.data[i + 2]!;
      const max = Math.max(r, g, b);
      if (max < 24) continue;
      sum += (max - Math.min(r, g, b)) / max;
      count += 1;
    }
  }
  return count === 0 ? 0 : sum / count;
}

/**
 * Periodic banding along rows: the mean luma of every pixel row of the face, minus its 5-row moving
 * average, as a root mean square (grey levels). Averaging a whole row cancels skin texture and
 * noise, so a real face stays under 1 while a screen's scanlines leave several grey levels.
 */
export function rowStripes(image: RawImage, box: Rect): number {
  const gray = lumaRegion(image, box, Math.ceil(box.width) + 1);
  const rows = new Float64Array(gray.height);
  for (let y = 0; y < gray.height; y += 1) {
    let sum = 0;
    for (let x = 0; x < gray.width; x += 1) sum += gray.data[y * gray.width + x]!;
    rows[y] = sum / gray.width;
  }
  let energy = 0;
  let count = 0;
  for (let y = 2; y < rows.length - 2; y += 1) {
    const mean = (rows[y - 2]! + rows[y - 1]! + rows[y]! + rows[y + 1]! + rows[y + 2]!) / 5;
    energy += (rows[y]! - mean) ** 2;
    count += 1;
  }
  return count === 0 ? 0 : Math.sqrt(energy / count);
}

export function measureFace(image: RawImage, face: { box: Rect; real: number | null; live: number | null }): LivenessMeasures {
  const crop = lumaRegion(image, face.box, FACE_CROP_WIDTH);
  return {
    real: face.real,
    live: face.live,
    saturation: faceSaturation(image, face.box),
    stripes: rowStripes(image, face.box),
    sharpness: laplacianVariance(crop),
    luma: meanOf(crop),
    clipped: shareAtLeast(crop, 250),
  };
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
/** Rounded like the docs' float32 values (7 decimals). */
export const round7 = (value: number) => Math.round(value * 1e7) / 1e7;

/**
 * quality = √(focus × exposure): focus 1 − e^(−sharpness/40) (in-focus faces score 50–250, a
 * blurred one 3), exposure 1 − ((luma − 128)/100)², less any clipped highlights.
 */
export function faceQuality(m: LivenessMeasures): number {
  const focus = 1 - Math.exp(-m.sharpness / 40);
  const exposure = clamp(1 - ((m.luma - 128) / 100) ** 2 - m.clipped * 2, 0, 1);
  return Math.sqrt(focus * exposure);
}

export function scoreLiveness(m: LivenessMeasures): LivenessScores {
  const T = LIVENESS_THRESHOLDS;
  const quality = faceQuality(m);
  const greyscale = m.saturation < T.minSaturation;
  const banded = m.stripes > T.maxStripes;
  const probability = clamp((m.live ?? 0.5) * (greyscale || banded ? T.spoofFactor : 1), 1e-4, 1 - 1e-4);
  const score = Math.log(probability / (1 - probability));
  let reason: string | null = null;
  if (quality < T.quality) reason = 'Liveness check failed: image quality is too low';
  else if (banded) reason = 'Liveness check failed: screen-like banding on the face';
  else if (greyscale) reason = 'Liveness check failed: the face has no skin colour (printout?)';
  else if (probability < T.probability) reason = 'Liveness check failed: liveness probability is too low';
  return { probability: round7(probability), score: round7(score), quality: round7(quality), passed: reason === null, reason };
}
