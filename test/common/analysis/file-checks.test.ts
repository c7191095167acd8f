import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { summarise } from '../../../common/analysis/check';
import { inspectFile } from '../../../common/analysis/file-checks';

const find = (checks: ReturnType<typeof inspectFile>['checks'], id: string) => checks.find((c) => c.id === id);
const image = (w: number, h: number, q = 80) =>
  sharp({ create: { width: w, height: h, channels: 3, background: '#6a7b8c' } })
    .jpeg({ quality: q })
    .toBuffer();

describe('inspectFile', () => {
  it('passes a compliant JPEG', async () => {
    const inspection = inspectFile(await image(800, 1000));
    expect(inspection.decodable).toBe(true);
    expect(inspection.checks.every((c) => c.verdict === 'pass')).toBe(true);
  });

  it('offers to enlarge a small but usable image, refuses a tiny one, and flags too large sides as fixable', async () => {
    // 600x422 (a passport scan): 1.14x reaches 480 px. 400x900: 1.2x. 80x54: 8.9x, past the 2.5x bound.
    expect(find(inspectFile(await image(600, 422)).checks, 'file.dimensions')).toMatchObject({ verdict: 'fail', fixable: true });
    expect(find(inspectFile(await image(400, 900)).checks, 'file.dimensions')).toMatchObject({ verdict: 'fail', fixable: true });
    const tiny = find(inspectFile(await image(80, 54)).checks, 'file.dimensions');
    expect(tiny).toMatchObject({ verdict: 'fail', guidance: expect.stringMatching(/higher resolution/) });
    expect(tiny?.fixable).toBeUndefined();
    // Enlarging 200x3000 to 480 px wide would make it 7200 px high: over the maximum, so not fixable.
    expect(find(inspectFile(await image(200, 3000)).checks, 'file.dimensions')?.fixable).toBeUndefined();
    expect(find(inspectFile(await image(4200, 1000)).checks, 'file.dimensions')).toMatchObject({ verdict: 'fail', fixable: true });
  });

  it("warns above Progeny's recommended 1080 px height, fixably", async () => {
    expect(find(inspectFile(await image(900, 1200)).checks, 'file.height')).toMatchObject({ verdict: 'warn', fixable: true });
  });

  it('refuses a file over the read limit as a hard failure from its size alone', async () => {
    const head = await image(800, 800);
    const inspection = inspectFile(head, 100 * 1024 * 1024);
    expect(find(inspection.checks, 'file.bytes')).toMatchObject({ verdict: 'fail', hard: true });
    expect(inspection.decodable).toBe(false);
  });

  it('marks a file over 2 MB as fixable', async () => {
    expect(find(inspectFile(await image(800, 800), 3 * 1024 * 1024).checks, 'file.bytes')).toMatchObject({ verdict: 'fail', fixable: true });
  });

  it('gives HEIC, PDF and SVG their own messages, all hard', () => {
    const heic = inspectFile(Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(32)]));
    const pdf = inspectFile(Buffer.from('%PDF-1.7 ...'));
    const svg = inspectFile(Buffer.from('<svg onload="alert(1)"/>'));
    expect(find(heic.checks, 'file.format')?.message).toMatch(/HEIC/);
    expect(find(pdf.checks, 'file.format')?.message).toMatch(/PDF/);
    expect(find(svg.checks, 'file.format')?.message).toMatch(/scripts/);
    for (const inspection of [heic, pdf, svg]) {
      expect(inspection.decodable).toBe(false);
      expect(summarise('selfie', inspection.checks)).toMatchObject({ verdict: 'fail', blocked: true });
    }
  });

  it('refuses a pixel bomb before decoding', () => {
    const ihdr = Buffer.alloc(25);
    ihdr.writeUInt32BE(13, 0);
    ihdr.write('IHDR', 4, 'latin1');
    ihdr.writeUInt32BE(30000, 8);
    ihdr.writeUInt32BE(30000, 12);
    const bomb = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0, 0, 0, 0])]);
    const inspection = inspectFile(bomb);
    expect(find(inspection.checks, 'file.pixels')).toMatchObject({ verdict: 'fail', hard: true, value: 900_000_000 });
    expect(inspection.decodable).toBe(false);
  });

  it('offers conversion for WebP and GIF rather than blocking', async () => {
    const webp = await sharp({ create: { width: 600, height: 600, channels: 3, background: '#111' } })
      .webp()
      .toBuffer();
    const inspection = inspectFile(webp);
    expect(find(inspection.checks, 'file.format')).toMatchObject({ verdict: 'fail', fixable: true });
    expect(inspection.decodable).toBe(true);
    expect(summarise('selfie', inspection.checks).fixable).toBe(true);
  });

  describe('JPEG quality (from the quantisation tables)', () => {
    const photo = readFileSync('node_modules/@vladmandic/face-api/demo/sample1.jpg');
    const at = (options: Parameters<ReturnType<typeof sharp>['jpeg']>[0]) => sharp(photo).jpeg(options).toBuffer();

    it.each([50, 70, 85, 95])('reads back quality %i from a real photo saved by libjpeg', async (q) => {
      const quality = find(inspectFile(await at({ quality: q })).checks, 'file.quality');
      expect(quality).toMatchObject({ value: q, verdict: q < 70 ? 'fail' : 'pass' });
    });

    it('fails below 70 without offering auto-fix: re-encoding cannot restore detail', async () => {
      const quality = find(inspectFile(await at({ quality: 50 })).checks, 'file.quality');
      expect(quality).toMatchObject({ verdict: 'fail', guidance: expect.stringMatching(/Take a new photo/) });
      expect(quality?.fixable).toBeUndefined();
      expect(quality?.hard).toBeUndefined();
    });

    it('estimates non-standard tables (mozjpeg, ImageMagick) on the same scale', async () => {
      for (const table of [2, 3, 5]) {
        const high = find(inspectFile(await at({ quality: 92, quantisationTable: table })).checks, 'file.quality')?.value as number;
        const low = find(inspectFile(await at({ quality: 35, quantisationTable: table })).checks, 'file.quality')?.value as number;
        expect(high, `table ${table}`).toBeGreaterThanOrEqual(75);
        expect(low, `table ${table}`).toBeLessThan(70);
      }
    });

    it('does not judge PNG quality', async () => {
      const png = await sharp(photo).png().toBuffer();
      expect(find(inspectFile(png).checks, 'file.quality')).toBeUndefined();
    });
  });

  describe('a JPEG without its end marker', () => {
    it('is a fixable failure when every block of the picture is there', async () => {
      const jpeg = await image(800, 1000);
      const inspection = inspectFile(jpeg.subarray(0, jpeg.length - 2));
      expect(find(inspection.checks, 'file.integrity')).toMatchObject({ verdict: 'fail', fixable: true });
      expect(inspection.decodable).toBe(true);
    });

    it('stays a hard refusal when picture data is missing', async () => {
      const jpeg = await sharp(readFileSync('node_modules/@vladmandic/face-api/demo/sample1.jpg')).jpeg({ quality: 90 }).toBuffer();
      const inspection = inspectFile(jpeg.subarray(0, Math.floor(jpeg.length * 0.95)));
      expect(find(inspection.checks, 'file.integrity')).toMatchObject({ verdict: 'fail', hard: true, message: expect.stringMatching(/stops before the end/) });
      expect(inspection.decodable).toBe(false);
    });

    it('stays a hard refusal for a progressive JPEG, which the block walker does not read', async () => {
      const jpeg = await image(800, 1000).then((b) => sharp(b).jpeg({ progressive: true }).toBuffer());
      expect(find(inspectFile(jpeg.subarray(0, jpeg.length - 2)).checks, 'file.integrity')).toMatchObject({ verdict: 'fail', hard: true });
    });
  });
});
