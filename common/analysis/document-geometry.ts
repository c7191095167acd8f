import type { MrzBand, Point } from './mrz-locate';
import type { MrzFormat } from './mrz-types';
import { lumaRegion, principalAxis, type GrayImage, type RawImage, type Rect } from './pixels';

/**
 * Finds the document in a photo without a model: the background is estimated from the image's
 * border, the largest connected region that differs from it is the document, and the principal
 * axes of that region give its orientation (tilt) and extent (fill). Cheap enough for live frames.
 */
export interface DocumentGeometry {
  found: boolean;
  /** Axis-aligned bounds in image pixels. */
  bounds: Rect;
  /** Area of the oriented rectangle around the document, as a share of the image. */
  fill: number;
  /** Degrees from level, −45…45 (positive = rotated clockwise). */
  tilt: number;
  /** True when the document fills the frame edge to edge, so there is no background to see. */
  fillsFrame: boolean;
}

const WORK_SIDE = 240;

function borderStats(gray: GrayImage): { median: number; spread: number } {
  const { width: w, height: h, data } = gray;
  const band = Math.max(1, Math.round(Math.min(w, h) * 0.04));
  const values: number[] = [];
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      if (x < band || y < band || x >= w - band || y >= h - band) values.push(data[y * w + x]!);
    }
  }
  values.sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)]!;
  const deviations = values.map((v) => Math.abs(v - median)).sort((a, b) => a - b);
  return { median, spread: deviations[Math.floor(deviations.length / 2)]! };
}

/** Pixels of the largest 4-connected component of `mask`, as flat indices. */
function largestComponent(mask: Uint8Array, w: number): number[] {
  const seen = new Uint8Array(mask.length);
  let best: number[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start += 1) {
    if (!mask[start] || seen[start]) continue;
    const component: number[] = [];
    stack.push(start);
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      component.push(i);
      const x = i % w;
      const neighbours = [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, i - w, i + w];
      for (const n of neighbours) {
        if (n >= 0 && n < mask.length && mask[n] && !seen[n]) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    if (component.length > best.length) best = component;
  }
  return best;
}

export function findDocument(image: RawImage): DocumentGeometry {
  const gray = lumaRegion(image, { x: 0, y: 0, width: image.width, height: image.height }, WORK_SIDE * (image.width >= image.height ? 1 : image.width / image.height));
  const { width: w, height: h, data } = gray;
  const scaleX = image.width / w;
  const scaleY = image.height / h;
  const { median, spread } = borderStats(gray);
  const threshold = Math.max(28, spread * 4);
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < mask.length; i += 1) mask[i] = Math.abs(data[i]! - median) > threshold ? 1 : 0;
  // Close small gaps (printed text on a card of background-like colour) with one dilation pass.
  const closed = new Uint8Array(mask);
  for (let y = 1; y < h - 1; y += 1) {
    for (let x = 1; x < w - 1; x += 1) {
      const i = y * w + x;
      if (!mask[i] && mask[i - 1] && mask[i + 1] && (mask[i - w] || mask[i + w])) closed[i] = 1;
    }
  }
  const pixels = largestComponent(closed, w);
  const whole = { x: 0, y: 0, width: image.width, height: image.height };
  if (pixels.length < w * h * 0.04) {
    // Nothing stands out from the border: either no document, or one that fills the whole frame.
    const busy = busyness(gray);
    return { found: busy > 0.08, bounds: whole, fill: busy > 0.08 ? 1 : 0, tilt: 0, fillsFrame: busy > 0.08 };
  }

  const { mx, my, theta } = principalAxis(pixels, w);
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  let minU = Infinity;
  let maxU = -Infinity;
  let minV = Infinity;
  let maxV = -Infinity;
  let minX = w;
  let maxX = 0;
  let minY = h;
  let maxY = 0;
  for (const i of pixels) {
    const x = i % w;
    const y = Math.floor(i / w);
    const u = (x - mx) * cos + (y - my) * sin;
    const v = -(x - mx) * sin + (y - my) * cos;
    minU = Math.min(minU, u);
    maxU = Math.max(maxU, u);
    minV = Math.min(minV, v);
    maxV = Math.max(maxV, v);
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  let tilt = (theta * 180) / Math.PI;
  if (tilt > 45) tilt -= 90;
  if (tilt < -45) tilt += 90;
  const fill = Math.min(1, ((maxU - minU + 1) * (maxV - minV + 1)) / (w * h));
  const touches = minX <= 0 && minY <= 0 && maxX >= w - 1 && maxY >= h - 1;
  return {
    found: true,
    bounds: { x: minX * scaleX, y: minY * scaleY, width: (maxX - minX + 1) * scaleX, height: (maxY - minY + 1) * scaleY },
    fill,
    tilt: Math.round(tilt * 10) / 10,
    fillsFrame: touches,
  };
}

/** Share of strong local contrast: printed text and photos are busy, an empty table is not. */
function busyness(gray: GrayImage): number {
  const { width: w, height: h, data } = gray;
  let strong = 0;
  for (let y = 1; y < h - 1; y += 1) {
    for (let x = 1; x < w - 1; x += 1) {
      const i = y * w + x;
      if (Math.abs(data[i + 1]! - data[i - 1]!) + Math.abs(data[i + w]! - data[i - w]!) > 40) strong += 1;
    }
  }
  return strong / ((w - 2) * (h - 2));
}

/**
 * Page size over MRZ line length, and where the bottom line sits, for each layout (ICAO 9303 parts
 * 4–6: TD3 125×88 mm with 44 glyphs of 2.54 mm; TD2 105×74 mm, 36 glyphs; TD1 85.6×54 mm, 30
 * glyphs). The located line runs from the first glyph's left edge to the last glyph's right edge.
 */
const PAGE_FROM_MRZ: Readonly<Record<MrzFormat, { width: number; height: number; bottomMargin: number }>> = {
  TD3: { width: 125 / (44 * 2.54), height: 88 / (44 * 2.54), bottomMargin: 5.5 / (44 * 2.54) },
  TD2: { width: 105 / (36 * 2.54), height: 74 / (36 * 2.54), bottomMargin: 5.5 / (36 * 2.54) },
  TD1: { width: 85.6 / (30 * 2.54), height: 54 / (30 * 2.54), bottomMargin: 4.5 / (30 * 2.54) },
};

/** The page's four corners (top-left, top-right, bottom-right, bottom-left, in reading orientation) from its MRZ. */
export function pageFromMrz(band: MrzBand, format: MrzFormat = band.format): Point[] {
  const page = PAGE_FROM_MRZ[format];
  const { along, down, length } = band;
  const first = band.lines[0]!;
  const last = band.lines[band.lines.length - 1]!;
  const centre = {
    x: (first.start.x + first.end.x + last.start.x + last.end.x) / 4,
    y: (first.start.y + first.end.y + last.start.y + last.end.y) / 4,
  };
  // Distance along `down` from the band's centre to its bottom line.
  const toBottom = ((last.start.x + last.end.x) / 2 - centre.x) * down.x + ((last.start.y + last.end.y) / 2 - centre.y) * down.y;
  const bottom = toBottom + length * page.bottomMargin;
  const top = bottom - length * page.height;
  const half = (length * page.width) / 2;
  const at = (u: number, v: number): Point => ({ x: centre.x + along.x * u + down.x * v, y: centre.y + along.y * u + down.y * v });
  return [at(-half, top), at(half, top), at(half, bottom), at(-half, bottom)];
}

const insideQuad = (quad: readonly Point[], p: Point): boolean => {
  let sign = 0;
  for (let i = 0; i < quad.length; i += 1) {
    const a = quad[i]!;
    const b = quad[(i + 1) % quad.length]!;
    const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    if (cross !== 0) {
      if (sign !== 0 && Math.sign(cross) !== sign) return false;
      sign = Math.sign(cross);
    }
  }
  return true;
};

/** Share of the image the quad covers, by sampling a 96×96 grid. */
function coverage(quad: readonly Point[], width: number, height: number): number {
  const n = 96;
  let inside = 0;
  for (let j = 0; j < n; j += 1) for (let i = 0; i < n; i += 1) if (insideQuad(quad, { x: ((i + 0.5) * width) / n, y: ((j + 0.5) * height) / n })) inside += 1;
  return inside / (n * n);
}

const iou = (a: Rect, b: Rect): number => {
  const x = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const y = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = x * y;
  return inter / (a.width * a.height + b.width * b.height - inter);
};

/** Degrees to the nearest level orientation (a page a quarter turn round has its own check). */
const tiltOf = (angle: number): number => {
  let t = angle % 90;
  if (t > 45) t -= 90;
  if (t < -45) t += 90;
  return Math.round(t * 10) / 10;
};

/**
 * The document's geometry when its MRZ has been located. The page edges measured by findDocument
 * are kept when they agree with the page the MRZ implies (a card on a table); otherwise (a scan
 * whose page fills the frame, a page on white paper, a portrait taken for the document) the page
 * is the one the MRZ's position and size imply on its layout. The tilt is the MRZ's, which is
 * measured on the text itself.
 */
export function documentFromMrz(image: { width: number; height: number }, band: MrzBand, edges: DocumentGeometry, format: MrzFormat = band.format): DocumentGeometry {
  const quad = pageFromMrz(band, format);
  const xs = quad.map((p) => p.x);
  const ys = quad.map((p) => p.y);
  const x0 = Math.max(0, Math.min(...xs));
  const y0 = Math.max(0, Math.min(...ys));
  const x1 = Math.min(image.width, Math.max(...xs));
  const y1 = Math.min(image.height, Math.max(...ys));
  const bounds = { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
  const tilt = tiltOf(band.angle);
  if (edges.found && !edges.fillsFrame && iou(edges.bounds, bounds) >= 0.6) return { ...edges, tilt };
  const fill = coverage(quad, image.width, image.height);
  return { found: true, bounds, fill, tilt, fillsFrame: fill >= 0.9 };
}
