import sharp from 'sharp';
import { firstAttempt, nextAttempt } from '../../common/analysis/autofix-plan';
import { decodeBmp } from '../../common/analysis/bmp';
import { sniffFormat } from '../../common/analysis/image-header';
import type { PrecheckResult } from '../../common/analysis/precheck';
import { REQUIREMENTS } from '../../common/analysis/requirements';

const { file: F } = REQUIREMENTS;

export interface ImageSummary {
  width: number;
  height: number;
  bytes: number;
  format: string;
}

export interface AutofixResult {
  bytes: Uint8Array;
  before: ImageSummary;
  after: ImageSummary & { quality: number };
  /** What changed, in words. */
  changes: string[];
}

/**
 * Produces a compliant JPEG: upright, at most 1080 px high unless that would shrink the face or
 * document below its minimum, enlarged (Lanczos, bounded) when the image or its face is too small,
 * quality 85 lowered in steps (never below 70) until it fits 2 MB, no metadata (sharp drops EXIF,
 * GPS and ICC unless asked to keep them), and complete (a JPEG that lost its end marker is
 * decoded leniently, which the pre-check allowed only when its whole picture is there).
 */
export async function autofix(bytes: Uint8Array, check: PrecheckResult): Promise<AutofixResult> {
  const input = { limitInputPixels: F.maxDecodePixels.value, pages: 1, ...(check.file.truncated ? { failOn: 'none' as const } : {}) };
  // libvips has no BMP loader: the station's bounded decoder hands sharp the pixels instead.
  const bmp = sniffFormat(bytes) === 'bmp' ? decodeBmp(bytes) : null;
  const open = () => (bmp ? sharp(bmp.data, { raw: { width: bmp.width, height: bmp.height, channels: bmp.channels } }) : sharp(bytes, input));
  const source = open();
  const meta = bmp ? { width: bmp.width, height: bmp.height, format: 'bmp', orientation: 1, exif: undefined, icc: undefined, xmp: undefined, iptc: undefined } : await source.metadata();
  const upright = (meta.orientation ?? 1) >= 5;
  const width = (upright ? meta.height : meta.width) ?? 0;
  const height = (upright ? meta.width : meta.height) ?? 0;
  const before: ImageSummary = { width, height, bytes: bytes.length, format: meta.format ?? 'unknown' };

  // The same plan as the browser's auto-fix (common/analysis/autofix-plan.ts): start at the
  // recommended height, then lower the quality, then shrink, until the file fits.
  const original = { width, height };
  let attempt = firstAttempt(original, check);
  let output: Buffer;
  for (;;) {
    output = await open()
      .rotate()
      .resize({ width: attempt.width, height: attempt.height, fit: 'fill', kernel: 'lanczos3' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: attempt.quality, chromaSubsampling: '4:4:4' })
      .toBuffer();
    const next = nextAttempt(attempt, output.length, original, check);
    if (!next) break; // it fits, or cannot shrink further without breaking a minimum: report what we have
    attempt = next;
  }
  const quality = attempt.quality;
  const outMeta = await sharp(output).metadata();
  const after = { width: outMeta.width ?? 0, height: outMeta.height ?? 0, bytes: output.length, format: 'jpeg', quality };

  const changes: string[] = [];
  if (before.format !== 'jpeg') changes.push(`converted from ${before.format.toUpperCase()} to JPEG`);
  if ((meta.orientation ?? 1) !== 1) changes.push('rotated upright (EXIF orientation applied)');
  if (after.height !== before.height) changes.push(`${after.height > before.height ? 'enlarged' : 'scaled'} from ${before.width}x${before.height} to ${after.width}x${after.height}`);
  if (check.file.truncated) changes.push('saved again as a complete file');
  if (meta.exif || meta.icc || meta.xmp || meta.iptc) changes.push('metadata removed (EXIF, GPS, XMP)');
  changes.push(`JPEG quality ${quality}, ${(before.bytes / 1024).toFixed(0)} KiB → ${(after.bytes / 1024).toFixed(0)} KiB`);
  return { bytes: new Uint8Array(output.buffer, output.byteOffset, output.byteLength), before, after, changes };
}
