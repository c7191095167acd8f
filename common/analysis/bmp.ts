/**
 * BMP, read by the station itself: sharp (libvips) has no BMP loader, and a bitmap is simple enough
 * to decode with every size checked against the bytes present. Only the plain forms scanners and
 * Windows Paint write are opened: uncompressed (BI_RGB) 1, 4, 8, 24 and 32 bits per pixel, and
 * 32-bit BI_BITFIELDS with the standard masks. Run-length compressed, 16-bit, embedded JPEG/PNG
 * and anything whose declared rows do not fit in the file are refused (`supported: false`):
 * the auto-fix converts what this reads, and nothing else.
 */
import type { RawImage } from './pixels';

export interface BmpInfo {
  width: number;
  height: number;
  bitsPerPixel: number;
  /** 0 = BI_RGB, 1/2 = RLE, 3 = BI_BITFIELDS, 4/5 = embedded JPEG/PNG. */
  compression: number;
  /** Every declared row is in the file. */
  complete: boolean;
  /** This module can decode it (and `complete`). */
  supported: boolean;
}

/** Sides above this are refused before any pixel count (the pixel-count check sees the rest). */
const MAX_SIDE = 65_535;

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const i32 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);

interface Layout extends BmpInfo {
  topDown: boolean;
  dataOffset: number;
  rowBytes: number;
  palette: Uint8Array | null;
  paletteEntryBytes: 3 | 4;
}

function layout(b: Uint8Array): Layout | null {
  if (b.length < 26 || b[0] !== 0x42 || b[1] !== 0x4d) return null;
  const dataOffset = u32(b, 10);
  const headerSize = u32(b, 14);
  let width: number;
  let rawHeight: number;
  let bitsPerPixel: number;
  let compression = 0;
  let colours = 0;
  if (headerSize === 12) {
    width = u16(b, 18);
    rawHeight = u16(b, 20);
    bitsPerPixel = u16(b, 24);
  } else if (headerSize >= 40 && b.length >= 14 + 40) {
    width = i32(b, 18);
    rawHeight = i32(b, 22);
    bitsPerPixel = u16(b, 28);
    compression = u32(b, 30);
    colours = u32(b, 46);
  } else return null;
  const height = Math.abs(rawHeight);
  const sane = width > 0 && height > 0 && width <= MAX_SIDE && height <= MAX_SIDE;
  const rowBytes = Math.floor((bitsPerPixel * width + 31) / 32) * 4;
  const complete = sane && dataOffset >= 14 + headerSize && dataOffset + rowBytes * height <= b.length;
  const paletteEntryBytes = headerSize === 12 ? 3 : 4;
  let palette: Uint8Array | null = null;
  let supported = false;
  if (compression === 0 && [1, 4, 8].includes(bitsPerPixel)) {
    const entries = colours > 0 && colours <= 1 << bitsPerPixel ? colours : 1 << bitsPerPixel;
    const start = 14 + headerSize;
    if (start + entries * paletteEntryBytes <= dataOffset && start + entries * paletteEntryBytes <= b.length) {
      palette = b.subarray(start, start + entries * paletteEntryBytes);
      supported = true;
    }
  } else if (compression === 0 && (bitsPerPixel === 24 || bitsPerPixel === 32)) supported = true;
  else if (compression === 3 && bitsPerPixel === 32 && headerSize >= 40 && b.length >= 66) {
    // The masks follow a 40-byte header, or sit inside a V4/V5 header at the same place.
    supported = u32(b, 54) === 0x00ff0000 && u32(b, 58) === 0x0000ff00 && u32(b, 62) === 0x000000ff;
  }
  return { width, height, bitsPerPixel, compression, complete, supported: sane && complete && supported, topDown: rawHeight < 0, dataOffset, rowBytes, palette, paletteEntryBytes };
}

/** What the header declares; null when it is not a BMP header at all. */
export function readBmpInfo(bytes: Uint8Array): BmpInfo | null {
  const found = layout(bytes);
  if (!found) return null;
  const { width, height, bitsPerPixel, compression, complete, supported } = found;
  return { width, height, bitsPerPixel, compression, complete, supported };
}

/** Decodes a supported BMP to upright RGB pixels; throws with a short reason otherwise. */
export function decodeBmp(bytes: Uint8Array): RawImage {
  const info = layout(bytes);
  if (!info) throw new Error('not a readable BMP header');
  if (!info.complete) throw new Error('the BMP file is cut off');
  if (!info.supported) throw new Error(`a ${info.bitsPerPixel}-bit BMP with compression ${info.compression}, which this station does not open`);
  const { width, height, bitsPerPixel, rowBytes, dataOffset, palette, paletteEntryBytes, topDown } = info;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    const row = dataOffset + (topDown ? y : height - 1 - y) * rowBytes;
    for (let x = 0; x < width; x += 1) {
      const out = (y * width + x) * 3;
      let at: number;
      let source: Uint8Array = bytes;
      if (palette) {
        const perByte = 8 / bitsPerPixel;
        const byte = bytes[row + Math.floor(x / perByte)]!;
        const shift = 8 - bitsPerPixel * ((x % perByte) + 1);
        const index = (byte >> shift) & ((1 << bitsPerPixel) - 1);
        // An index past the palette's end shows black rather than reading outside it.
        at = index * paletteEntryBytes;
        if (at + 2 >= palette.length) continue;
        source = palette;
      } else at = row + x * (bitsPerPixel / 8);
      data[out] = source[at + 2]!;
      data[out + 1] = source[at + 1]!;
      data[out + 2] = source[at]!;
    }
  }
  return { width, height, channels: 3, data };
}
