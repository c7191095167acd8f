/**
 * Pixel samples from regions of a face outlined by its mesh: the luma and chroma of every pixel
 * inside a polygon, on a grid coarse enough that a 1000 px face costs no more than a 200 px one.
 */
import type { Point } from './face';
import type { RawImage } from './pixels';

export interface RegionSample {
  /** Rec. 601 luma, 0–255. */
  luma: Float32Array;
  /** Chroma (Cb, Cr) centred on 0, Rec. 601. */
  cb: Float32Array;
  cr: Float32Array;
  count: number;
}

/** About this many grid points per region: enough for stable percentiles, cheap on the fast path. */
const TARGET_SAMPLES = 1600;

function inside(polygon: readonly Point[], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) hit = !hit;
  }
  return hit;
}

export function bounds(points: readonly Point[]) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

export const centroid = (points: readonly Point[]): Point => {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p.x;
    y += p.y;
  }
  return { x: x / points.length, y: y / points.length };
};

/** The polygon grown (or shrunk) by `factor` about its centroid. */
export const scaled = (points: readonly Point[], factor: number, about = centroid(points)): Point[] =>
  points.map((p) => ({ x: about.x + (p.x - about.x) * factor, y: about.y + (p.y - about.y) * factor }));

/** An axis-aligned rectangle as a polygon. */
export const rectangle = (x: number, y: number, width: number, height: number): Point[] => [
  { x, y },
  { x: x + width, y },
  { x: x + width, y: y + height },
  { x, y: y + height },
];

/** Samples every pixel inside `polygon` (on a grid when the region is large); `exclude` cuts holes. */
export function sampleRegion(image: RawImage, polygon: readonly Point[], exclude: ReadonlyArray<readonly Point[]> = []): RegionSample {
  const box = bounds(polygon);
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(image.width - 1, Math.ceil(box.x + box.width));
  const y1 = Math.min(image.height - 1, Math.ceil(box.y + box.height));
  const area = Math.max(1, (x1 - x0 + 1) * (y1 - y0 + 1));
  const step = Math.max(1, Math.sqrt(area / TARGET_SAMPLES));
  const capacity = Math.ceil((x1 - x0 + 1) / step + 1) * Math.ceil((y1 - y0 + 1) / step + 1);
  const luma = new Float32Array(capacity);
  const cb = new Float32Array(capacity);
  const cr = new Float32Array(capacity);
  let count = 0;
  const { data, channels, width } = image;
  for (let fy = y0; fy <= y1; fy += step) {
    const y = Math.floor(fy);
    for (let fx = x0; fx <= x1; fx += step) {
      const x = Math.floor(fx);
      if (!inside(polygon, x + 0.5, y + 0.5) || exclude.some((hole) => inside(hole, x + 0.5, y + 0.5))) continue;
      const i = (y * width + x) * channels;
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      luma[count] = 0.299 * r + 0.587 * g + 0.114 * b;
      cb[count] = -0.168736 * r - 0.331264 * g + 0.5 * b;
      cr[count] = 0.5 * r - 0.418688 * g - 0.081312 * b;
      count += 1;
    }
  }
  return { luma: luma.subarray(0, count), cb: cb.subarray(0, count), cr: cr.subarray(0, count), count };
}

/** The `q` quantile (0–1) of some values; NaN when there are none. */
export function quantile(values: Float32Array, q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}

export const median = (values: Float32Array): number => quantile(values, 0.5);
