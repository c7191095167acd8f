/**
 * The MRZ crop handed to OCR, sampled in pure TypeScript so that Node and the browser feed
 * Tesseract the same pixels: an oriented rectangle around the located band (which also deskews it
 * and turns a sideways or upside-down page upright), scaled to a chosen glyph pitch, optionally
 * contrast-stretched and binarised.
 */
import { bilinear, type MrzBand, type Point } from './mrz-locate';
export { lumaOf } from './mrz-locate';
import { MRZ_SHAPE } from './mrz';
import type { MrzFormat } from './mrz-types';
import type { Rect } from './pixels';

export interface GreyCrop {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface CropStyle {
  /** Glyph pitch in the output, px. */
  pitch: number;
  /** Stretch the 1st–99th percentile to full range. */
  normalise: boolean;
  /** Otsu-binarise after stretching. */
  threshold: boolean;
}

/** An oriented rectangle of the source image: its top-left corner, unit axes and size in source px. */
export interface OrientedRect {
  origin: Point;
  along: Point;
  down: Point;
  width: number;
  height: number;
}

/** Source-pixel rectangle around the band's lines, with a margin of about one glyph on every side. */
export function bandRect(band: MrzBand, chars: number): OrientedRect {
  const pitch = band.length / chars;
  const { along, down } = band;
  let minU = Infinity;
  let maxU = -Infinity;
  let minV = Infinity;
  let maxV = -Infinity;
  const ref = band.lines[0]!.start;
  for (const l of band.lines) {
    for (const p of [l.start, l.end]) {
      const u = (p.x - ref.x) * along.x + (p.y - ref.y) * along.y;
      const v = (p.x - ref.x) * down.x + (p.y - ref.y) * down.y;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v - l.thickness);
      maxV = Math.max(maxV, v + l.thickness);
    }
  }
  minU -= pitch * 1.5;
  maxU += pitch * 1.5;
  minV -= pitch * 0.6;
  maxV += pitch * 0.6;
  return {
    origin: { x: ref.x + along.x * minU + down.x * minV, y: ref.y + along.y * minU + down.y * minV },
    along,
    down,
    width: maxU - minU,
    height: maxV - minV,
  };
}

export const rectAsOriented = (r: Rect): OrientedRect => ({ origin: { x: r.x, y: r.y }, along: { x: 1, y: 0 }, down: { x: 0, y: 1 }, width: r.width, height: r.height });

/** Samples `rect` of the image at `scale` output px per source px (supersampled when shrinking). */
export function sampleRect(luma: Float32Array, w: number, h: number, rect: OrientedRect, scale: number, style: CropStyle): GreyCrop {
  const ow = Math.max(16, Math.round(rect.width * scale));
  const oh = Math.max(8, Math.round(rect.height * scale));
  const step = 1 / scale;
  const taps = Math.max(1, Math.min(4, Math.ceil(step)));
  const out = new Float32Array(ow * oh);
  const { origin, along, down } = rect;
  for (let y = 0; y < oh; y += 1) {
    for (let x = 0; x < ow; x += 1) {
      let sum = 0;
      for (let j = 0; j < taps; j += 1) {
        const v = (y + (j + 0.5) / taps) * step;
        for (let i = 0; i < taps; i += 1) {
          const u = (x + (i + 0.5) / taps) * step;
          sum += bilinear(luma, w, h, origin.x + along.x * u + down.x * v - 0.5, origin.y + along.y * u + down.y * v - 0.5);
        }
      }
      out[y * ow + x] = sum / (taps * taps);
    }
  }
  return finish(out, ow, oh, style);
}

function finish(values: Float32Array, width: number, height: number, style: CropStyle): GreyCrop {
  const data = new Uint8Array(values.length);
  let lo = 0;
  let hi = 255;
  if (style.normalise || style.threshold) {
    const hist = new Uint32Array(256);
    for (const v of values) hist[Math.max(0, Math.min(255, Math.round(v)))]! += 1;
    lo = percentile(hist, values.length, 0.01);
    hi = percentile(hist, values.length, 0.99);
    if (hi - lo < 16) {
      lo = 0;
      hi = 255;
    }
  }
  for (let i = 0; i < values.length; i += 1) data[i] = Math.max(0, Math.min(255, Math.round(((values[i]! - lo) * 255) / (hi - lo))));
  if (style.threshold) {
    const t = otsuBytes(data);
    for (let i = 0; i < data.length; i += 1) data[i] = data[i]! > t ? 255 : 0;
  }
  return { width, height, data };
}

function percentile(hist: Uint32Array, total: number, p: number): number {
  let seen = 0;
  for (let i = 0; i < 256; i += 1) {
    seen += hist[i]!;
    if (seen >= total * p) return i;
  }
  return 255;
}

function otsuBytes(data: Uint8Array): number {
  const hist = new Float64Array(256);
  for (const v of data) hist[v]! += 1;
  let sum = 0;
  for (let i = 0; i < 256; i += 1) sum += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = -1;
  let threshold = 127;
  for (let i = 0; i < 256; i += 1) {
    wB += hist[i]!;
    if (wB === 0) continue;
    const wF = data.length - wB;
    if (wF === 0) break;
    sumB += i * hist[i]!;
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > best) {
      best = between;
      threshold = i;
    }
  }
  return threshold;
}

/** Characters per line the band most likely holds (for the crop's scale only). */
export const charsPerLine = (format: MrzFormat) => MRZ_SHAPE[format].length;
