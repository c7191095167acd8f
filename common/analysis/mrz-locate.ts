/**
 * Finds the machine-readable zone from its text-line structure, on any background and at any
 * scale the document has in the frame, without a model: the classic approach (PassportEye, after
 * Adrian Rosebrock's MRZ detector) of a black-hat transform (dark strokes on a lighter ground),
 * the horizontal gradient of that (text, not ruled lines), a horizontal closing that joins the
 * glyphs of a line (an MRZ line has no spaces), then long, thin connected components grouped into
 * 2 or 3 parallel, equally long, equally spaced lines. When nothing is found upright, the three
 * other quarter turns are tried. Pure TypeScript: Node and the browser find the same band.
 */
import type { MrzFormat } from './mrz-types';
import { principalAxis, type RawImage } from './pixels';

/** Rec. 601 luma of the whole image, computed once per image (the locator and the reader both need it; a decoded image is never changed in place). */
export function lumaOf(image: RawImage): Float32Array {
  const known = lumaCache.get(image);
  if (known && known.length === image.width * image.height) return known;
  const out = new Float32Array(image.width * image.height);
  const { data, channels } = image;
  for (let i = 0, p = 0; i < out.length; i += 1, p += channels) out[i] = 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
  lumaCache.set(image, out);
  return out;
}
const lumaCache = new WeakMap<RawImage, Float32Array>();

/**
 * How dark each pixel is in its brightest channel. MRZ print is black, dark in every channel;
 * coloured printing and marks (red specimen stamps, blue security print, a red box an app drew
 * round the MRZ) are bright in at least one channel and drop out, so they cannot join the lines.
 */
export function inkOf(image: RawImage): Float32Array {
  const out = new Float32Array(image.width * image.height);
  const { data, channels } = image;
  for (let i = 0, p = 0; i < out.length; i += 1, p += channels) out[i] = Math.max(data[p]!, data[p + 1]!, data[p + 2]!);
  return out;
}

export interface Point {
  x: number;
  y: number;
}

export interface MrzBandLine {
  /** Centre of the line's left end and right end, in image pixels, in reading order. */
  start: Point;
  end: Point;
  /** Mean height of the line's ink band, in image pixels. */
  thickness: number;
}

export interface MrzBand {
  /** Top to bottom, in reading orientation. */
  lines: MrzBandLine[];
  /** Unit vector of the reading direction, in image coordinates. */
  along: Point;
  /** Unit vector from the top line towards the bottom line. */
  down: Point;
  /** Degrees from level of the reading direction (positive = clockwise), −180…180. */
  angle: number;
  /** Layout the geometry suggests: 3 lines are TD1; 2 lines TD3 or TD2 (by line aspect). */
  format: MrzFormat;
  /** Mean line length in image pixels. */
  length: number;
  /** Quarter turns clockwise the image needed for the band to lie level (0 upright … 3). */
  turns: number;
}

/**
 * Working images' longest sides, tried in order: the kernels below suit a glyph pitch of ~5–25 px,
 * which 640 px gives for a document filling a third to all of the frame; 1000 px catches smaller
 * documents, 400 px widely spaced print.
 */
const WORK_SIDES = [640, 1000, 400];
/** Black-hat kernel (PassportEye / Rosebrock use 13×5 at 600 px high). */
const HAT_W = 15;
const HAT_H = 7;
/** Gaps the horizontal closing bridges: between glyphs and inside `<<<` runs, not between words of larger type. */
const JOIN = 11;

interface Gray {
  width: number;
  height: number;
  data: Float32Array;
}

/** Bilinear grey resample of the whole image so that its longest side is `side` (up or down, box-averaged when shrinking). */
export function grayResampled(luma: Float32Array, image: { width: number; height: number }, side: number): { gray: Gray; scale: number } {
  const scale = side / Math.max(image.width, image.height);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const out = new Float32Array(width * height);
  const step = 1 / scale;
  const taps = Math.max(1, Math.ceil(step));
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let sum = 0;
      for (let j = 0; j < taps; j += 1) {
        for (let i = 0; i < taps; i += 1) {
          sum += bilinear(luma, image.width, image.height, (x + (i + 0.5) / taps) * step - 0.5, (y + (j + 0.5) / taps) * step - 0.5);
        }
      }
      out[y * width + x] = sum / (taps * taps);
    }
  }
  return { gray: { width, height, data: out }, scale };
}

export function bilinear(data: ArrayLike<number>, w: number, h: number, fx: number, fy: number): number {
  const x = Math.min(w - 1, Math.max(0, fx));
  const y = Math.min(h - 1, Math.max(0, fy));
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(w - 1, x0 + 1);
  const y1 = Math.min(h - 1, y0 + 1);
  const ax = x - x0;
  const ay = y - y0;
  const top = data[y0 * w + x0]! * (1 - ax) + data[y0 * w + x1]! * ax;
  const bottom = data[y1 * w + x0]! * (1 - ax) + data[y1 * w + x1]! * ax;
  return top * (1 - ay) + bottom * ay;
}

/** Running max (or min) over a window of `size` along rows (dx=1) or columns, edge-clamped. */
function runningExtreme(src: Float32Array, w: number, h: number, size: number, horizontal: boolean, max: boolean): Float32Array {
  const out = new Float32Array(src.length);
  const r = size >> 1;
  const lines = horizontal ? h : w;
  const n = horizontal ? w : h;
  const stride = horizontal ? 1 : w;
  const deque = new Int32Array(n + size);
  const values = new Float32Array(n);
  for (let line = 0; line < lines; line += 1) {
    const base = horizontal ? line * w : line;
    for (let i = 0; i < n; i += 1) values[i] = src[base + i * stride]!;
    let head = 0;
    let tail = 0;
    let next = 0;
    for (let i = 0; i < n; i += 1) {
      const hi = Math.min(n - 1, i + r);
      while (next <= hi) {
        const v = values[next]!;
        while (tail > head && (max ? values[deque[tail - 1]!]! <= v : values[deque[tail - 1]!]! >= v)) tail -= 1;
        deque[tail++] = next++;
      }
      while (deque[head]! < i - r) head += 1;
      out[base + i * stride] = values[deque[head]!]!;
    }
  }
  return out;
}

const extreme2d = (src: Float32Array, w: number, h: number, kw: number, kh: number, max: boolean) => runningExtreme(runningExtreme(src, w, h, kw, true, max), w, h, kh, false, max);

/** Dark thin strokes: grey closing minus the image. */
function blackHat(gray: Gray): Float32Array {
  const { width: w, height: h, data } = gray;
  const closed = extreme2d(extreme2d(data, w, h, HAT_W, HAT_H, true), w, h, HAT_W, HAT_H, false);
  const out = new Float32Array(data.length);
  for (let i = 0; i < out.length; i += 1) out[i] = closed[i]! - data[i]!;
  return out;
}

function otsu(values: Float32Array, maxValue: number): number {
  const bins = 256;
  const hist = new Float64Array(bins);
  for (const v of values) hist[Math.min(bins - 1, Math.floor((v / maxValue) * (bins - 1)))]! += 1;
  let total = 0;
  let sum = 0;
  for (let i = 0; i < bins; i += 1) {
    total += hist[i]!;
    sum += i * hist[i]!;
  }
  let sumB = 0;
  let weightB = 0;
  let best = 0;
  let threshold = 0;
  for (let i = 0; i < bins; i += 1) {
    weightB += hist[i]!;
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += i * hist[i]!;
    const meanB = sumB / weightB;
    const meanF = (sum - sumB) / weightF;
    const between = weightB * weightF * (meanB - meanF) ** 2;
    if (between > best) {
      best = between;
      threshold = i;
    }
  }
  return ((threshold + 0.5) / (bins - 1)) * maxValue;
}

/** Mask of text-line pixels: horizontal gradient of the black-hat, thresholded, glyphs joined along rows. */
export function textLineMask(gray: Gray): Uint8Array {
  const { width: w, height: h } = gray;
  const hat = blackHat(gray);
  const grad = new Float32Array(hat.length);
  let peak = 0;
  for (let y = 1; y < h - 1; y += 1) {
    for (let x = 1; x < w - 1; x += 1) {
      const i = y * w + x;
      // Sobel x: vertical strokes of glyphs respond, ruled horizontal lines do not.
      const g = Math.abs(hat[i - w + 1]! + 2 * hat[i + 1]! + hat[i + w + 1]! - hat[i - w - 1]! - 2 * hat[i - 1]! - hat[i + w - 1]!);
      grad[i] = g;
      if (g > peak) peak = g;
    }
  }
  if (peak <= 0) return new Uint8Array(w * h);
  const joined = extreme2d(extreme2d(grad, w, h, JOIN, 3, true), w, h, JOIN, 3, false);
  const threshold = otsu(joined, peak);
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < mask.length; i += 1) mask[i] = joined[i]! > threshold ? 1 : 0;
  return mask;
}

interface LineCandidate {
  cx: number;
  cy: number;
  /** Unit direction of the principal axis, pointing right (ux ≥ 0). */
  ux: number;
  uy: number;
  length: number;
  thickness: number;
  minU: number;
  maxU: number;
}

/** Long, thin, solid components of the mask, with their principal axis. */
function lineCandidates(mask: Uint8Array, w: number, h: number): LineCandidate[] {
  const labels = new Int32Array(mask.length).fill(-1);
  const stack: number[] = [];
  const out: LineCandidate[] = [];
  const minLength = Math.max(w, h) * 0.1;
  for (let start = 0; start < mask.length; start += 1) {
    if (!mask[start] || labels[start] !== -1) continue;
    const pixels: number[] = [];
    labels[start] = start;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop()!;
      pixels.push(i);
      const x = i % w;
      const y = (i - x) / w;
      for (let dy = -1; dy <= 1; dy += 1) {
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const n = ny * w + nx;
          if (mask[n] && labels[n] === -1) {
            labels[n] = start;
            stack.push(n);
          }
        }
      }
    }
    if (pixels.length < minLength * 2) continue;
    const { mx, my, theta } = principalAxis(pixels, w);
    let ux = Math.cos(theta);
    let uy = Math.sin(theta);
    if (ux < 0) {
      ux = -ux;
      uy = -uy;
    }
    // Only near-horizontal lines here; the caller turns the image for the others.
    if (Math.abs(uy) > Math.sin((30 * Math.PI) / 180)) continue;
    let minU = Infinity;
    let maxU = -Infinity;
    for (const i of pixels) {
      const u = ((i % w) - mx) * ux + (Math.floor(i / w) - my) * uy;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
    }
    const length = maxU - minU + 1;
    const thickness = pixels.length / length;
    if (length < minLength || length / thickness < 14 || thickness < 2) continue;
    out.push({ cx: mx, cy: my, ux, uy, length, thickness, minU, maxU });
  }
  return out;
}

interface Group {
  lines: LineCandidate[];
  score: number;
}

/** 2 or 3 parallel lines of equal length, aligned ends and even spacing: the MRZ's signature. */
function groupLines(candidates: LineCandidate[]): Group | null {
  const sorted = [...candidates].sort((a, b) => a.cy - b.cy);
  const fits = (a: LineCandidate, b: LineCandidate): number | null => {
    if (Math.abs(Math.atan2(a.uy, a.ux) - Math.atan2(b.uy, b.ux)) > (4 * Math.PI) / 180) return null;
    const ratio = a.length / b.length;
    if (ratio < 0.82 || ratio > 1.22) return null;
    const nx = -a.uy;
    const ny = a.ux;
    const gap = (b.cx - a.cx) * nx + (b.cy - a.cy) * ny;
    const shift = Math.abs(
      (b.cx + (b.ux * (b.minU + b.maxU)) / 2 - a.cx - (a.ux * (a.minU + a.maxU)) / 2) * a.ux + (b.cy + (b.uy * (b.minU + b.maxU)) / 2 - a.cy - (a.uy * (a.minU + a.maxU)) / 2) * a.uy,
    );
    const thick = (a.thickness + b.thickness) / 2;
    if (Math.max(a.thickness, b.thickness) > 1.6 * Math.min(a.thickness, b.thickness)) return null;
    if (gap < thick * 1.1 || gap > thick * 4 || gap > a.length * 0.2) return null;
    if (shift > Math.max(a.length, b.length) * 0.12) return null;
    return gap;
  };
  let best: Group | null = null;
  const consider = (lines: LineCandidate[]) => {
    const total = lines.reduce((s, l) => s + l.length, 0);
    const score = total;
    if (best === null || score > best.score) best = { lines, score };
  };
  for (let i = 0; i < sorted.length; i += 1) {
    for (let j = i + 1; j < sorted.length; j += 1) {
      const g1 = fits(sorted[i]!, sorted[j]!);
      if (g1 === null) continue;
      let third = false;
      for (let k = j + 1; k < sorted.length; k += 1) {
        const g2 = fits(sorted[j]!, sorted[k]!);
        if (g2 !== null && Math.abs(g2 - g1) < 0.25 * Math.max(g1, g2)) {
          consider([sorted[i]!, sorted[j]!, sorted[k]!]);
          third = true;
        }
      }
      if (!third) consider([sorted[i]!, sorted[j]!]);
    }
  }
  return best;
}

/** Maps a point of the work image, turned by `turns` quarter turns clockwise, back to the original image. */
function unturn(p: Point, turns: number, w: number, h: number): Point {
  // w, h: size of the unturned work image.
  switch (turns) {
    case 1:
      return { x: p.y, y: h - 1 - p.x };
    case 2:
      return { x: w - 1 - p.x, y: h - 1 - p.y };
    case 3:
      return { x: w - 1 - p.y, y: p.x };
    default:
      return p;
  }
}

function turnGray(gray: Gray, turns: number): Gray {
  if (turns === 0) return gray;
  const { width: w, height: h, data } = gray;
  const ow = turns % 2 ? h : w;
  const oh = turns % 2 ? w : h;
  const out = new Float32Array(data.length);
  for (let y = 0; y < oh; y += 1) {
    for (let x = 0; x < ow; x += 1) {
      const src = unturn({ x, y }, turns, w, h);
      out[y * ow + x] = data[src.y * w + src.x]!;
    }
  }
  return { width: ow, height: oh, data: out };
}

/** Finds the MRZ band of `image`, or null. `turns` lists the quarter turns to try, in order. */
export function locateMrz(image: RawImage, turns: readonly number[] = [0, 1, 3, 2], luma: Float32Array = lumaOf(image)): MrzBand | null {
  for (const side of WORK_SIDES) {
    const band = locateAt(luma, image, side, turns);
    if (band) return band;
  }
  // Coloured marks touching the lines (an app's red frame, a stamp) can merge them into one blob
  // in luma; the ink map drops them. Only as a fallback: where luma finds the band, its geometry
  // is what the reader was measured with.
  return locateAt(inkOf(image), image, WORK_SIDES[0]!, turns);
}

function locateAt(luma: Float32Array, image: { width: number; height: number }, side: number, turns: readonly number[]): MrzBand | null {
  const { gray, scale } = grayResampled(luma, image, side);
  for (const t of turns) {
    const turned = turnGray(gray, t);
    const mask = textLineMask(turned);
    const group = groupLines(lineCandidates(mask, turned.width, turned.height));
    if (group === null) continue;
    const toImage = (p: Point): Point => {
      const q = unturn(p, t, gray.width, gray.height);
      return { x: (q.x + 0.5) / scale - 0.5, y: (q.y + 0.5) / scale - 0.5 };
    };
    const lines = group.lines.map((l) => ({
      start: toImage({ x: l.cx + l.ux * l.minU, y: l.cy + l.uy * l.minU }),
      end: toImage({ x: l.cx + l.ux * l.maxU, y: l.cy + l.uy * l.maxU }),
      thickness: l.thickness / scale,
    }));
    return { ...bandOf(lines), turns: t };
  }
  return null;
}

/** A band's axes and format hint from its lines (top to bottom, each left to right). */
export function bandOf(lines: MrzBandLine[], turns = 0): MrzBand {
  let ax = 0;
  let ay = 0;
  for (const l of lines) {
    ax += l.end.x - l.start.x;
    ay += l.end.y - l.start.y;
  }
  const norm = Math.hypot(ax, ay) || 1;
  const along = { x: ax / norm, y: ay / norm };
  const down = { x: -along.y, y: along.x };
  const length = lines.reduce((s, l) => s + Math.hypot(l.end.x - l.start.x, l.end.y - l.start.y), 0) / lines.length;
  const thickness = lines.reduce((s, l) => s + l.thickness, 0) / lines.length;
  // OCR-B glyphs are about as high as their pitch: TD3's 44 make a line ~40 thicknesses long, TD2's 36 ~32.
  const format: MrzFormat = lines.length >= 3 ? 'TD1' : length / thickness > 36 ? 'TD3' : 'TD2';
  return { lines, along, down, angle: (Math.atan2(along.y, along.x) * 180) / Math.PI, format, length, turns };
}

/** The same band read the other way round (for a document upside down). */
export function flipBand(band: MrzBand): MrzBand {
  return bandOf(
    [...band.lines].reverse().map((l) => ({ start: l.end, end: l.start, thickness: l.thickness })),
    (band.turns + 2) % 4,
  );
}
