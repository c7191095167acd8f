/**
 * No-reference blur measure of Crété-Roffet et al., "The blur effect: perception and estimation with
 * a new no-reference perceptual blur metric" (SPIE 2007): blur the image again and see how much
 * edge energy that removes. A sharp face loses much of its neighbour-to-neighbour variation to the
 * re-blur; an already blurred one loses little. The ratio is independent of contrast and lighting,
 * and measuring each direction apart exposes motion blur, which smears along one direction only.
 */
import type { GrayImage } from './pixels';

/** Length of the re-blur box filter, in pixels of the measured crop (the paper's value). */
const REBLUR = 9;

/** Blur 0 (crisp) – 1 (nothing left to lose) along one direction (dx, dy). */
function directionalBlur(gray: GrayImage, dx: number, dy: number): number {
  const { width: w, height: h, data } = gray;
  const half = (REBLUR - 1) / 2;
  let original = 0;
  let lost = 0;
  for (let y = half + 1; y < h - half; y += 1) {
    for (let x = half + 1; x < w - half - 1; x += 1) {
      const i = y * w + x;
      const back = i - dy * w - dx;
      // Box means along the direction, at this pixel and its predecessor.
      let sum = 0;
      let sumBack = 0;
      for (let k = -half; k <= half; k += 1) {
        sum += data[i + k * (dy * w + dx)]!;
        sumBack += data[back + k * (dy * w + dx)]!;
      }
      const dOriginal = Math.abs(data[i]! - data[back]!);
      const dBlurred = Math.abs(sum - sumBack) / REBLUR;
      original += dOriginal;
      lost += Math.max(0, dOriginal - dBlurred);
    }
  }
  return original > 0 ? 1 - lost / original : 1;
}

export interface BlurMeasure {
  /** The worst direction's blur, 0 (crisp) – 1: what the check judges. */
  blur: number;
  /** Blur across rows and columns and both diagonals. */
  horizontal: number;
  vertical: number;
  diagonal: number;
  antidiagonal: number;
}

export function blurMeasure(gray: GrayImage): BlurMeasure {
  const horizontal = directionalBlur(gray, 1, 0);
  const vertical = directionalBlur(gray, 0, 1);
  const diagonal = directionalBlur(gray, 1, 1);
  const antidiagonal = directionalBlur(gray, -1, 1);
  return { blur: Math.max(horizontal, vertical, diagonal, antidiagonal), horizontal, vertical, diagonal, antidiagonal };
}
