/**
 * BMP files for the tests, written byte by byte (no encoder in the dependencies writes BMP): the
 * plain forms the station converts, and the hostile ones it must keep refusing.
 */
import sharp from 'sharp';

export interface BmpOptions {
  bitsPerPixel?: 24 | 32 | 8;
  topDown?: boolean;
  /** 1 = RLE8, 2 = RLE4: declared only (the station must refuse them before decoding). */
  compression?: number;
  /** Overrides what the header declares (a lie about the size). */
  declare?: { width: number; height: number };
  /** Keep only this many bytes of the file (a cut-off copy). */
  truncateTo?: number;
}

/** A BMP of the given RGB pixels (8-bit: a grey palette of the red channel). */
export function encodeBmp(rgb: Uint8Array, width: number, height: number, options: BmpOptions = {}): Buffer {
  const bpp = options.bitsPerPixel ?? 24;
  const paletteBytes = bpp === 8 ? 256 * 4 : 0;
  const rowBytes = Math.floor((bpp * width + 31) / 32) * 4;
  const dataOffset = 14 + 40 + paletteBytes;
  const file = Buffer.alloc(dataOffset + rowBytes * height);
  file.write('BM', 0, 'ascii');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(dataOffset, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(options.declare?.width ?? width, 18);
  const declaredHeight = options.declare?.height ?? height;
  file.writeInt32LE(options.topDown ? -declaredHeight : declaredHeight, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(bpp, 28);
  file.writeUInt32LE(options.compression ?? 0, 30);
  file.writeUInt32LE(rowBytes * height, 34);
  if (bpp === 8) for (let i = 0; i < 256; i += 1) file.writeUInt32LE((i << 16) | (i << 8) | i, 54 + i * 4);
  for (let y = 0; y < height; y += 1) {
    const row = dataOffset + (options.topDown ? y : height - 1 - y) * rowBytes;
    for (let x = 0; x < width; x += 1) {
      const [r, g, b] = [rgb[(y * width + x) * 3]!, rgb[(y * width + x) * 3 + 1]!, rgb[(y * width + x) * 3 + 2]!];
      if (bpp === 8) file[row + x] = r;
      else {
        const at = row + x * (bpp / 8);
        file[at] = b;
        file[at + 1] = g;
        file[at + 2] = r;
        if (bpp === 32) file[at + 3] = 255;
      }
    }
  }
  return options.truncateTo === undefined ? file : file.subarray(0, options.truncateTo);
}

/** A photo (any format sharp reads) as a 24-bit BMP, with its RGB pixels for comparison. */
export async function photoAsBmp(bytes: Uint8Array, options: BmpOptions = {}): Promise<{ bmp: Buffer; rgb: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(bytes).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const rgb = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { bmp: encodeBmp(rgb, info.width, info.height, options), rgb, width: info.width, height: info.height };
}
