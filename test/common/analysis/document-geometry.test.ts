import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findDocument } from '../../../common/analysis/document-geometry';
import type { RawImage } from '../../../common/analysis/pixels';

/** A light card with some printed lines, rotated by `angle`, on a darker table. */
async function scene(cardWidth: number, angle: number, canvas = { width: 1600, height: 1200 }): Promise<RawImage> {
  const cardHeight = Math.round(cardWidth / 1.42);
  const lines = Array.from({ length: 6 }, (_, i) => `<rect x="${cardWidth * 0.1}" y="${cardHeight * (0.2 + i * 0.11)}" width="${cardWidth * 0.7}" height="${cardHeight * 0.03}" fill="#333"/>`).join(
    '',
  );
  const card = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${cardWidth}" height="${cardHeight}"><rect width="100%" height="100%" rx="20" fill="#e8e4d8"/>${lines}</svg>`))
    .rotate(angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
  const { data, info } = await sharp({ create: { ...canvas, channels: 3, background: '#3b3f45' } })
    .composite([{ input: card, gravity: 'centre' }])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data };
}

describe('findDocument', () => {
  it('finds a level card and measures how much of the frame it fills', async () => {
    const geometry = findDocument(await scene(1200, 0));
    expect(geometry.found).toBe(true);
    expect(Math.abs(geometry.tilt)).toBeLessThan(1.5);
    // 1200 x 845 on 1600 x 1200 = 0.53
    expect(geometry.fill).toBeGreaterThan(0.48);
    expect(geometry.fill).toBeLessThan(0.6);
  });

  it.each([6, -9, 15])('measures a tilt of %d°', async (angle) => {
    const geometry = findDocument(await scene(1000, angle));
    expect(geometry.found).toBe(true);
    expect(Math.abs(Math.abs(geometry.tilt) - Math.abs(angle))).toBeLessThan(2);
  });

  it('sees a small document as a small fill', async () => {
    const geometry = findDocument(await scene(500, 0));
    expect(geometry.fill).toBeLessThan(0.2);
  });

  it('reports no document on an empty table', async () => {
    const { data, info } = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#3b3f45' } })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(findDocument({ width: info.width, height: info.height, channels: 3, data }).found).toBe(false);
  });
});
