import { lumaRegion, type GrayImage, type RawImage, type Rect } from './pixels';

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
