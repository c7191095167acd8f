import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { readImageHeader } from '../../../common/analysis/image-header';
import { precheck } from '../../../common/analysis/precheck';
import { autofix } from '../../../main/analysis/autofix';
import { fixture, nodeAnalysis } from './analysis-env';

afterAll(async () => (await nodeAnalysis()).close());

async function fixAndRecheck(name: string) {
  const env = await nodeAnalysis();
  const bytes = fixture(name);
  const before = await precheck('selfie', bytes, env);
  const fixed = await autofix(bytes, before);
  const after = await precheck('selfie', fixed.bytes, env);
  return { before, fixed, after };
}

describe('auto-fix', () => {
  it('shrinks an oversized phone photo under 2 MB and 1080 px without breaking the face checks', async () => {
    const { before, fixed, after } = await fixAndRecheck('selfie-oversized.jpg');
    expect(before.checks.find((c) => c.id === 'file.bytes')?.verdict).toBe('fail');
    expect(fixed.after.bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(fixed.after.height).toBeLessThanOrEqual(1080);
    expect(fixed.after.quality).toBeGreaterThanOrEqual(70);
    expect(fixed.changes.join(' ')).toMatch(/scaled from 3000x4000 to \d+x1080/);
    expect(after.checks.filter((c) => c.id.startsWith('file.')).every((c) => c.verdict === 'pass')).toBe(true);
    expect(after.checks.find((c) => c.id === 'face.size')?.verdict).toBe('pass');
  });

  it('keeps a face above its minimum rather than reach 1080 px', async () => {
    // Face 400 px in a 1281 px high photo: 1080 px would still leave ~337 px, so it may scale;
    // a face of 240 px must never be shrunk below 224 px.
    const env = await nodeAnalysis();
    const big = await sharp(fixture('selfie-face-240.jpg')).resize({ height: 1900 }).jpeg({ quality: 90 }).toBuffer();
    const check = await precheck('selfie', big, env);
    const face = check.checks.find((c) => c.id === 'face.size')!.value as number;
    const fixed = await autofix(big, check);
    expect(fixed.after.height).toBeLessThan(1900);
    expect((face * fixed.after.height) / 1900).toBeGreaterThanOrEqual(224);
  });

  it('stores an EXIF-rotated photo upright and strips GPS and all metadata', async () => {
    const rotated = await fixAndRecheck('selfie-exif-rotated.jpg');
    const header = readImageHeader(rotated.fixed.bytes);
    expect(header.orientation).toBe(1);
    expect(header.hasExif).toBe(false);
    expect(rotated.fixed.after.height).toBeGreaterThan(rotated.fixed.after.width);
    expect(rotated.after.checks.find((c) => c.id === 'face.roll')?.verdict).toBe('pass');
    const gps = await fixAndRecheck('selfie-gps.jpg');
    expect(readImageHeader(gps.fixed.bytes).hasGps).toBe(false);
    expect(gps.after.checks.find((c) => c.id === 'file.metadata')).toBeUndefined();
  });

  it('converts WebP to JPEG and reports it', async () => {
    const { fixed, after } = await fixAndRecheck('selfie-webp.webp');
    expect(readImageHeader(fixed.bytes).format).toBe('jpeg');
    expect(fixed.changes[0]).toBe('converted from WEBP to JPEG');
    expect(after.checks.find((c) => c.id === 'file.format')?.verdict).toBe('pass');
  });
});

describe('auto-fix of a BMP', () => {
  it('converts a plain BMP selfie to a JPEG that passes the file checks, with the same picture size', async () => {
    const { photoAsBmp } = await import('../../support/bmp-files');
    const env = await nodeAnalysis();
    const { bmp, width, height } = await photoAsBmp(fixture('selfie-good-a.jpg'));
    const before = await precheck('selfie', bmp, env);
    expect(before.checks.find((c) => c.id === 'file.format')).toMatchObject({ verdict: 'fail', fixable: true });
    // The station's own decoder read it: the face checks ran on the bitmap.
    expect(before.checks.find((c) => c.id === 'face.count')?.verdict).toBe('pass');
    const fixed = await autofix(bmp, before);
    expect(readImageHeader(fixed.bytes).format).toBe('jpeg');
    expect(fixed.changes.join(' ')).toMatch(/converted from BMP to JPEG/);
    const after = await precheck('selfie', fixed.bytes, env);
    expect(after.checks.find((c) => c.id === 'file.format')?.verdict).toBe('pass');
    expect(Math.round((fixed.after.width / fixed.after.height) * 100)).toBe(Math.round((width / height) * 100));
  });
});
