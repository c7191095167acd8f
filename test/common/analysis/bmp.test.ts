/**
 * BMP: converted when it is a plain bitmap, refused when it cannot be decoded safely. Each refusal
 * is an attacker's file: a compressed bitmap (RLE, never decoded here), a header that lies about
 * its size (a pixel bomb, or rows that are not in the file), a cut-off copy.
 */
import { describe, expect, it } from 'vitest';
import { decodeBmp, readBmpInfo } from '../../../common/analysis/bmp';
import { inspectFile } from '../../../common/analysis/file-checks';
import { readImageHeader } from '../../../common/analysis/image-header';
import { encodeBmp } from '../../support/bmp-files';

const W = 7; // odd: rows are padded to 4 bytes
const H = 5;
const pixels = new Uint8Array(W * H * 3).map((_, i) => (i * 37) % 256);
const format = (bytes: Uint8Array) => inspectFile(bytes).checks.find((check) => check.id === 'file.format');

describe('BMP', () => {
  it('decodes 24- and 32-bit bitmaps, bottom-up and top-down, to the same pixels', () => {
    for (const options of [{}, { topDown: true }, { bitsPerPixel: 32 as const }, { bitsPerPixel: 32 as const, topDown: true }]) {
      const image = decodeBmp(encodeBmp(pixels, W, H, options));
      expect(image).toMatchObject({ width: W, height: H, channels: 3 });
      expect(Array.from(image.data)).toEqual(Array.from(pixels));
    }
  });

  it('decodes an 8-bit palette bitmap through its palette', () => {
    const image = decodeBmp(encodeBmp(pixels, W, H, { bitsPerPixel: 8 }));
    for (let i = 0; i < W * H; i += 1) expect([image.data[i * 3], image.data[i * 3 + 1], image.data[i * 3 + 2]]).toEqual([pixels[i * 3], pixels[i * 3], pixels[i * 3]]);
  });

  it('reports its size in the header and offers the auto-fix for a plain bitmap', () => {
    const bytes = encodeBmp(pixels, W, H);
    expect(readImageHeader(bytes)).toMatchObject({ format: 'bmp', width: W, height: H, truncated: false });
    expect(format(bytes)).toMatchObject({ verdict: 'fail', fixable: true });
    expect(format(bytes)?.hard).toBeUndefined();
  });

  it('refuses a run-length compressed bitmap without decoding it', () => {
    for (const compression of [1, 2]) {
      const bytes = encodeBmp(pixels, W, H, { bitsPerPixel: 8, compression });
      expect(readBmpInfo(bytes)?.supported).toBe(false);
      expect(format(bytes)).toMatchObject({ verdict: 'fail', hard: true });
      expect(inspectFile(bytes).decodable).toBe(false);
      expect(() => decodeBmp(bytes)).toThrow(/does not open/);
    }
  });

  it('refuses a header that declares rows the file does not hold (no read past the end)', () => {
    const lying = encodeBmp(pixels, W, H, { declare: { width: 4000, height: 3000 } });
    expect(readBmpInfo(lying)).toMatchObject({ complete: false, supported: false });
    expect(format(lying)).toMatchObject({ hard: true });
    expect(() => decodeBmp(lying)).toThrow(/cut off/);
    const cut = encodeBmp(pixels, W, H, { truncateTo: 80 });
    expect(readImageHeader(cut).truncated).toBe(true);
    expect(() => decodeBmp(cut)).toThrow(/cut off/);
  });

  it('refuses a pixel bomb from its header alone', () => {
    const bomb = encodeBmp(pixels, W, H, { declare: { width: 30_000, height: 30_000 } });
    const inspection = inspectFile(bomb);
    expect(inspection.checks.find((check) => check.id === 'file.pixels')).toMatchObject({ verdict: 'fail', hard: true });
    expect(inspection.decodable).toBe(false);
  });

  it('does not read outside a short palette: an index past its end is black', () => {
    const bytes = encodeBmp(pixels, W, H, { bitsPerPixel: 8 });
    bytes.writeUInt32LE(4, 46); // the palette now declares 4 colours
    const image = decodeBmp(bytes);
    expect(image.width).toBe(W);
    const last = W * H - 1;
    if (pixels[last * 3]! >= 4) expect([image.data[last * 3], image.data[last * 3 + 1], image.data[last * 3 + 2]]).toEqual([0, 0, 0]);
  });
});
