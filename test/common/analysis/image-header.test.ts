import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImageHeader, sniffFormat } from '../../../common/analysis/image-header';

const jpeg = (w = 640, h = 480) =>
  sharp({ create: { width: w, height: h, channels: 3, background: '#777' } })
    .jpeg()
    .toBuffer();

describe('sniffFormat', () => {
  it.each([
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])],
    ['png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['gif', Buffer.from('GIF89a......')],
    ['webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 ')],
    ['heic', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic')])],
    ['avif', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypavif')])],
    ['pdf', Buffer.from('%PDF-1.4\n')],
    ['svg', Buffer.from('  <svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['svg', Buffer.from('\ufeff<?xml version="1.0"?>\n<svg/>')],
    ['bmp', Buffer.from('BM\0\0\0\0')],
    ['tiff', Buffer.from('II*\0\0\0')],
    ['empty', Buffer.alloc(0)],
    ['unknown', Buffer.from('hello world')],
  ])('recognises %s from its bytes', (format, bytes) => {
    expect(sniffFormat(bytes)).toBe(format);
  });
});

describe('readImageHeader', () => {
  it('reads JPEG dimensions and finds the end marker', async () => {
    const header = readImageHeader(await jpeg(640, 480));
    expect(header).toMatchObject({ format: 'jpeg', width: 640, height: 480, displayWidth: 640, displayHeight: 480, truncated: false, orientation: 1, hasGps: false });
  });

  it('applies EXIF orientation to the displayed size and sees GPS', async () => {
    const bytes = await sharp(await jpeg(640, 480))
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD3: { GPSLatitudeRef: 'N' } })
      .jpeg()
      .toBuffer();
    expect(readImageHeader(bytes)).toMatchObject({ orientation: 6, displayWidth: 480, displayHeight: 640, hasExif: true, hasGps: true });
  });

  it('notices a JPEG cut short', async () => {
    const bytes = await jpeg();
    expect(readImageHeader(bytes.subarray(0, bytes.length - 100)).truncated).toBe(true);
  });

  it('reads a PNG header and notices a missing IEND', async () => {
    const png = await sharp({ create: { width: 500, height: 700, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    expect(readImageHeader(png)).toMatchObject({ format: 'png', width: 500, height: 700, truncated: false });
    expect(readImageHeader(png.subarray(0, png.length - 20)).truncated).toBe(true);
  });

  it('survives garbage after a valid signature without throwing', () => {
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), Buffer.from('Exif\0\0MM\0*\0\0\xff\xff\xff\xff', 'latin1')]);
    expect(() => readImageHeader(garbage)).not.toThrow();
    expect(readImageHeader(garbage).width).toBeNull();
  });
});
