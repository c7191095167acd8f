import sharp from 'sharp';
import type { PrecheckResult } from '../../common/analysis/precheck';
import { REQUIREMENTS } from '../../common/analysis/requirements';

const { autofix: A, file: F, selfie: S, document: D } = REQUIREMENTS;

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
 * The smallest height the image may be scaled to without pushing the face or the document below
 * the size its checks need (measured in the pre-check that came before).
 */
function minimumHeight(check: PrecheckResult, height: number): number {
  let minimum = F.minSide.value;
  const face = check.faces.length > 0 ? check.faces.reduce((a, b) => (a.box.height > b.box.height ? a : b)) : null;
  if (check.role === 'selfie' && face) {
    const side = Math.min(face.box.width, face.box.height);
    if (side >= S.minFaceSide.value) minimum = Math.max(minimum, Math.ceil((height * S.minFaceSide.value) / side));
  }
  if (check.document?.found && check.document.bounds.width >= D.minWidthAfterFix.value) {
    minimum = Math.max(minimum, Math.ceil((height * D.minWidthAfterFix.value) / check.document.bounds.width));
  }
  return minimum;
}

/**
 * Produces a compliant JPEG: upright, at most 1080 px high unless that would shrink the face or
 * document below its minimum, quality 85 lowered in steps (never below 70) until it fits 2 MB,
 * no metadata (sharp drops EXIF, GPS and ICC unless asked to keep them).
 */
export async function autofix(bytes: Uint8Array, check: PrecheckResult): Promise<AutofixResult> {
  const source = sharp(bytes, { limitInputPixels: F.maxDecodePixels.value, pages: 1 });
  const meta = await source.metadata();
  const upright = (meta.orientation ?? 1) >= 5;
  const width = (upright ? meta.height : meta.width) ?? 0;
  const height = (upright ? meta.width : meta.height) ?? 0;
  const before: ImageSummary = { width, height, bytes: bytes.length, format: meta.format ?? 'unknown' };

  const floor = minimumHeight(check, height);
  let targetHeight = Math.min(height, Math.max(A.maxHeight.value, floor));
  // The long side may never exceed the file limit, whatever the face needs.
  targetHeight = Math.min(targetHeight, Math.floor((height * F.maxSide.value) / Math.max(width, height)));

  let quality = A.quality.value;
  let output: Buffer;
  for (;;) {
    output = await sharp(bytes, { limitInputPixels: F.maxDecodePixels.value, pages: 1 })
      .rotate()
      .resize({ height: targetHeight, withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality, chromaSubsampling: '4:4:4' })
      .toBuffer();
    if (output.length <= F.maxBytes.value) break;
    if (quality - 5 >= A.minQuality.value) quality -= 5;
    else if (targetHeight > floor) targetHeight = Math.max(floor, Math.floor(targetHeight * 0.9));
    else break; // cannot shrink further without breaking a minimum: report what we have
  }
  const outMeta = await sharp(output).metadata();
  const after = { width: outMeta.width ?? 0, height: outMeta.height ?? 0, bytes: output.length, format: 'jpeg', quality };

  const changes: string[] = [];
  if (before.format !== 'jpeg') changes.push(`converted from ${before.format.toUpperCase()} to JPEG`);
  if ((meta.orientation ?? 1) !== 1) changes.push('rotated upright (EXIF orientation applied)');
  if (after.height !== before.height) changes.push(`scaled from ${before.width}x${before.height} to ${after.width}x${after.height}`);
  if (meta.exif || meta.icc || meta.xmp || meta.iptc) changes.push('metadata removed (EXIF, GPS, XMP)');
  changes.push(`JPEG quality ${quality}, ${(before.bytes / 1024).toFixed(0)} KiB → ${(after.bytes / 1024).toFixed(0)} KiB`);
  return { bytes: new Uint8Array(output.buffer, output.byteOffset, output.byteLength), before, after, changes };
}
