import { open, stat } from 'node:fs/promises';
import sharp from 'sharp';
import { decodeBmp } from '../../common/analysis/bmp';
import { readImageHeader } from '../../common/analysis/image-header';
import type { RawImage } from '../../common/analysis/pixels';
import { REQUIREMENTS } from '../../common/analysis/requirements';

/** Bytes of a file that is too large to read whole: enough for every format's header. */
const HEAD_BYTES = 256 * 1024;

export class InputFileError extends Error {}

/**
 * Reads an image file for the pre-check. Files over the read limit are not loaded: only their head
 * is read, so the checks can still say what they are, with bounded memory and time.
 */
export async function readImageFile(path: string): Promise<{ bytes: Uint8Array; totalBytes: number }> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path} (${code ?? 'error'})`);
  }
  if (info.isDirectory()) throw new InputFileError(`${path} is a folder, not an image file`);
  if (!info.isFile()) throw new InputFileError(`${path} is not a regular file`);
  const length = info.size > REQUIREMENTS.file.maxReadBytes.value ? HEAD_BYTES : info.size;
  const handle = await open(path, 'r');
  try {
    const bytes = new Uint8Array(length);
    const { bytesRead } = await handle.read(bytes, 0, length, 0);
    return { bytes: bytes.subarray(0, bytesRead), totalBytes: info.size };
  } finally {
    await handle.close();
  }
}

/**
 * Decodes upright (EXIF orientation applied) RGB pixels, refusing decompression bombs and any
 * decoder warning, except the missing end marker of a JPEG whose every block is present (the
 * header reader walked its data): libjpeg warns about it, yet the picture is whole.
 */
export async function decodeWithSharp(bytes: Uint8Array): Promise<RawImage> {
  const header = readImageHeader(bytes);
  // libvips has no BMP loader: the station's own bounded decoder (common/analysis/bmp.ts) reads it.
  if (header.format === 'bmp') return decodeBmp(bytes);
  const markerOnly = header.format === 'jpeg' && header.truncated && header.pictureComplete === true;
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: REQUIREMENTS.file.maxDecodePixels.value, failOn: markerOnly ? 'none' : 'warning', pages: 1 })
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw new Error(message.replace(/^Input (buffer|file) /, '').slice(0, 160));
  }
}
