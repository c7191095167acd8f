/** Pixel measurements on decoded images, shared by the Node and browser adapters. */

export interface RawImage {
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA, as canvas gives it). */
  channels: 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
}

export interface GrayImage {
  width: number;
  height: number;
  data: Float32Array;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Rec. 601 luma of a region, resampled by area averaging so that `outWidth` is its new width. */
export function lumaRegion(image: RawImage, rect: Rect, outWidth: number): GrayImage {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(image.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(image.height, Math.ceil(rect.y + rect.height));
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const scale = Math.min(1, outWidth / w) || 1;
  const ow = Math.max(1, Math.round(w * scale));
  const oh = Math.max(1, Math.round(h * scale));
  const sums = new Float32Array(ow * oh);
  const counts = new Uint32Array(ow * oh);
  const { data, channels, width } = image;
  for (let y = y0; y < y1; y += 1) {
    const oy = Math.min(oh - 1, Math.floor(((y - y0) * oh) / h));
    for (let x = x0; x < x1; x += 1) {
      const ox = Math.min(ow - 1, Math.floor(((x - x0) * ow) / w));
      const i = (y * width + x) * channels;
      sums[oy * ow + ox]! += 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      counts[oy * ow + ox]! += 1;
    }
  }
  for (let i = 0; i < sums.length; i += 1) sums[i] = sums[i]! / Math.max(1, counts[i]!);
  return { width: ow, height: oh, data: sums };
}

/** Variance of the 4-neighbour Laplacian: the standard focus measure (higher = sharper). */
export function laplacianVariance(gray: GrayImage): number {
  const { width: w, height: h, data } = gray;
  if (w < 3 || h < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y += 1) {
    for (let x = 1; x < w - 1; x += 1) {
      const i = y * w + x;
      const v = data[i - 1]! + data[i + 1]! + data[i - w]! + data[i + w]! - 4 * data[i]!;
      sum += v;
      sumSq += v * v;
      n += 1;
    }
  }
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

export function meanOf(gray: GrayImage): number {
  let sum = 0;
  for (const v of gray.data) sum += v;
  return sum / gray.data.length;
}

/** Share of pixels at or above `level` (clipped highlights, glare). */
export function shareAtLeast(gray: GrayImage, level: number): number {
  let count = 0;
  for (const v of gray.data) if (v >= level) count += 1;
  return count / gray.data.length;
}

export const wholeImage = (image: { width: number; height: number }): Rect => ({ x: 0, y: 0, width: image.width, height: image.height });

/** Box-filter downscale so the longest side is at most `maxSide`; returns the image itself when smaller. */
export function downscale(image: RawImage, maxSide: number): { image: RawImage; scale: number } {
  const longest = Math.max(image.width, image.height);
  if (longest <= maxSide) return { image, scale: 1 };
  const factor = maxSide / longest;
  const width = Math.max(1, Math.round(image.width * factor));
  const height = Math.max(1, Math.round(image.height * factor));
  const out = new Uint8Array(width * height * 3);
  const { data, channels } = image;
  for (let y = 0; y < height; y += 1) {
    const sy0 = Math.floor(y / factor);
    const sy1 = Math.min(image.height, Math.max(sy0 + 1, Math.floor((y + 1) / factor)));
    for (let x = 0; x < width; x += 1) {
      const sx0 = Math.floor(x / factor);
      const sx1 = Math.min(image.width, Math.max(sx0 + 1, Math.floor((x + 1) / factor)));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = sy0; sy < sy1; sy += 1) {
        for (let sx = sx0; sx < sx1; sx += 1) {
          const i = (sy * image.width + sx) * channels;
          r += data[i]!;
          g += data[i + 1]!;
          b += data[i + 2]!;
        }
      }
      const n = (sy1 - sy0) * (sx1 - sx0);
      const o = (y * width + x) * 3;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
    }
  }
  return { image: { width, height, channels: 3, data: out }, scale: longest / maxSide };
}

/** Drops the alpha channel, which face models do not take. */
export function toRgb(image: RawImage): RawImage {
  if (image.channels === 3) return image;
  const out = new Uint8Array(image.width * image.height * 3);
  for (let i = 0, o = 0; i < image.data.length; i += 4, o += 3) {
    out[o] = image.data[i]!;
    out[o + 1] = image.data[i + 1]!;
    out[o + 2] = image.data[i + 2]!;
  }
  return { width: image.width, height: image.height, channels: 3, data: out };
}

/**
 * Centroid and principal-axis angle (radians, from the x axis) of a pixel set given as flat indices
 * into a `w`-wide grid: where a blob is and which way it runs.
 */
export function principalAxis(pixels: readonly number[], w: number): { mx: number; my: number; theta: number } {
  let mx = 0;
  let my = 0;
  for (const i of pixels) {
    mx += i % w;
    my += Math.floor(i / w);
  }
  mx /= pixels.length;
  my /= pixels.length;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const i of pixels) {
    const dx = (i % w) - mx;
    const dy = Math.floor(i / w) - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return { mx, my, theta };
}
