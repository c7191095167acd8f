/**
 * Reads what an image file *is* from its bytes alone, before anything decodes it: the real format
 * (whatever the file is called), the declared size, EXIF orientation and GPS, and whether the file
 * ends where its format says it must. Pure TypeScript so the renderer and Node judge alike.
 */
import { readBmpInfo } from './bmp';
import { estimateJpegQuality, readDqtSegment, type QualityEstimate, type QuantTable } from './jpeg-quality';
import { jpegScanComplete } from './jpeg-scan';

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'heic' | 'avif' | 'pdf' | 'svg' | 'bmp' | 'tiff' | 'empty' | 'unknown';

export interface ImageHeader {
  format: ImageFormat;
  /** Declared by the header (before EXIF orientation); null when unreadable. */
  width: number | null;
  height: number | null;
  /** EXIF orientation 1–8 (1 = as stored). */
  orientation: number;
  /** Size as displayed, i.e. after applying the orientation. */
  displayWidth: number | null;
  displayHeight: number | null;
  hasExif: boolean;
  hasGps: boolean;
  /** The file stops before the format's end marker (JPEG EOI, PNG IEND). */
  truncated: boolean;
  /**
   * Every block of the picture is in the file. False for a truncated file unless its data was
   * walked to the last block (a JPEG that lost only its end marker); always true when not truncated.
   * (Optional only so hand-built headers in UI tests stay valid; readImageHeader always sets both.)
   */
  pictureComplete?: boolean;
  /** JPEG only: the quality it was saved at, estimated from its quantisation tables. */
  jpegQuality?: QualityEstimate | null;
}

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

export function sniffFormat(bytes: Uint8Array): ImageFormat {
  if (bytes.length === 0) return 'empty';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG') return 'png';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'heic';
  }
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
  if (ascii(bytes, 0, 2) === 'BM') return 'bmp';
  if (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*') return 'tiff';
  // Text formats are recognised by their ASCII opening (a UTF-8 BOM is skipped).
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = ascii(bytes, start, 1024).trimStart().toLowerCase();
  if (head.startsWith('<svg') || ((head.startsWith('<?xml') || head.startsWith('<!doctype svg')) && head.includes('<svg'))) return 'svg';
  return 'unknown';
}

const u16 = (b: Uint8Array, at: number, little: boolean) => (little ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!);
const u32 = (b: Uint8Array, at: number, little: boolean) =>
  little ? (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0 : ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** Orientation and GPS presence from a TIFF-structured EXIF block (the APP1 payload after "Exif\0\0"). */
function readExif(b: Uint8Array, start: number, end: number): { orientation: number; hasGps: boolean } {
  const result = { orientation: 1, hasGps: false };
  if (end - start < 8) return result;
  const little = b[start] === 0x49;
  const ifd = start + u32(b, start + 4, little);
  if (ifd + 2 > end) return result;
  const count = u16(b, ifd, little);
  for (let i = 0; i < count; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) break;
    const tag = u16(b, entry, little);
    if (tag === 0x0112) {
      const value = u16(b, entry + 8, little);
      if (value >= 1 && value <= 8) result.orientation = value;
    } else if (tag === 0x8825) result.hasGps = true;
  }
  return result;
}

function readJpeg(b: Uint8Array, header: ImageHeader): void {
  const tables: QuantTable[] = [];
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) {
      at += 1; // tolerate padding between segments
      continue;
    }
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // EOI or start of scan: no more headers
    if (marker >= 0xd0 && marker <= 0xd7) {
      at += 2;
      continue;
    }
    const length = u16(b, at + 2, false);
    const segment = at + 4;
    if (marker === 0xe1 && ascii(b, segment, 6) === 'Exif\0\0') {
      header.hasExif = true;
      const exif = readExif(b, segment + 6, Math.min(b.length, at + 2 + length));
      header.orientation = exif.orientation;
      header.hasGps = exif.hasGps;
    }
    if (marker === 0xdb) tables.push(...readDqtSegment(b, segment, Math.min(b.length, at + 2 + length)));
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame && segment + 5 <= b.length) {
      header.height = u16(b, segment + 1, false);
      header.width = u16(b, segment + 3, false);
    }
    at += 2 + length;
  }
  // A complete JPEG ends with EOI (FFD9), possibly followed by padding some cameras append.
  let end = b.length - 1;
  while (end > 0 && (b[end] === 0x00 || b[end] === 0xff) && !(b[end - 1] === 0xff && b[end] === 0xd9)) end -= 1;
  header.truncated = !(b[end - 1] === 0xff && b[end] === 0xd9);
  header.pictureComplete = !header.truncated || jpegScanComplete(b) === true;
  header.jpegQuality = estimateJpegQuality(tables);
}

function readPng(b: Uint8Array, header: ImageHeader): void {
  if (b.length >= 24 && ascii(b, 12, 4) === 'IHDR') {
    header.width = u32(b, 16, false);
    header.height = u32(b, 20, false);
  }
  // Walk the chunks: a complete PNG reaches IEND without running off the end.
  let at = 8;
  header.truncated = true;
  while (at + 12 <= b.length) {
    const length = u32(b, at, false);
    const type = ascii(b, at + 4, 4);
    if (at + 12 + length > b.length) break;
    if (type === 'eXIf') {
      header.hasExif = true;
      const exif = readExif(b, at + 8, at + 8 + length);
      header.orientation = exif.orientation;
      header.hasGps = exif.hasGps;
    }
    if (type === 'IEND') {
      header.truncated = false;
      break;
    }
    at += 12 + length;
  }
  header.pictureComplete = !header.truncated;
}

export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const header: ImageHeader = {
    format: sniffFormat(bytes),
    width: null,
    height: null,
    orientation: 1,
    displayWidth: null,
    displayHeight: null,
    hasExif: false,
    hasGps: false,
    truncated: false,
    pictureComplete: true,
    jpegQuality: null,
  };
  if (header.format === 'jpeg') readJpeg(bytes, header);
  else if (header.format === 'png') readPng(bytes, header);
  else if (header.format === 'bmp') {
    const bmp = readBmpInfo(bytes);
    if (bmp) {
      header.width = bmp.width;
      header.height = bmp.height;
      header.truncated = !bmp.complete;
      header.pictureComplete = bmp.complete;
    }
  }
  if (header.width !== null && header.height !== null) {
    const swapped = header.orientation >= 5; // orientations 5–8 turn the image a quarter
    header.displayWidth = swapped ? header.height : header.width;
    header.displayHeight = swapped ? header.width : header.height;
  }
  return header;
}
