import { describe, expect, it } from 'vitest';
import { glareShare } from '../../../common/analysis/document-checks';
import type { GrayImage } from '../../../common/analysis/pixels';

const W = 100;
const H = 60;
function page(paint: (x: number, y: number) => boolean): GrayImage {
  const data = new Float32Array(W * H);
  for (let y = 0; y < H; y += 1) for (let x = 0; x < W; x += 1) data[y * W + x] = paint(x, y) ? 255 : 180;
  return { width: W, height: H, data };
}
const inside = (x: number, y: number, x0: number, y0: number, w: number, h: number) => x >= x0 && x < x0 + w && y >= y0 && y < y0 + h;

describe('glare share of a document region', () => {
  it('counts a compact clipped highlight inside the document, all of it', () => {
    expect(glareShare(page((x, y) => inside(x, y, 40, 20, 12, 10)))).toBeCloseTo(120 / (W * H), 6);
  });

  it('ignores thin bright lines (guilloche, security print) up to four pixels wide, however long', () => {
    expect(glareShare(page((x, y) => inside(x, y, 10, 28, 80, 4)))).toBe(0);
    expect(glareShare(page((x, y) => inside(x, y, 48, 5, 3, 50)))).toBe(0);
  });

  it('keeps a highlight that a thin line runs through, and only the highlight', () => {
    expect(glareShare(page((x, y) => inside(x, y, 40, 20, 12, 10) || inside(x, y, 5, 24, 90, 2)))).toBeCloseTo(120 / (W * H), 6);
  });

  it('does not count white paper that reaches the edge of the region (a scan margin)', () => {
    expect(glareShare(page((x) => x < 15))).toBe(0);
  });
});
