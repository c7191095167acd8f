import { readBmpInfo } from './bmp';
import { atMost, type Check } from './check';
import { readImageHeader, type ImageFormat, type ImageHeader } from './image-header';
import { checkRule } from './check-rules';
import { REQUIREMENTS } from './requirements';

const { file: F, autofix: A } = REQUIREMENTS;

/** Formats the auto-fix (sharp) can turn into a JPEG; the rest cannot be sent at all. */
const CONVERTIBLE: ReadonlySet<ImageFormat> = new Set(['webp', 'gif', 'tiff', 'avif']);

/** A BMP converts only in the plain forms common/analysis/bmp.ts decodes with every size checked. */
const convertible = (format: ImageFormat, bytes: Uint8Array) => CONVERTIBLE.has(format) || (format === 'bmp' && readBmpInfo(bytes)?.supported === true);

const FORMAT_ADVICE: Record<Exclude<ImageFormat, 'jpeg' | 'png'>, { message: string; guidance: string }> = {
  webp: { message: 'This is a WebP image; Progeny accepts only JPEG and PNG.', guidance: 'Use auto-fix to convert it to JPEG.' },
  gif: { message: 'This is a GIF image; Progeny accepts only JPEG and PNG.', guidance: 'Use auto-fix to convert its first frame to JPEG, or take a new photo.' },
  tiff: { message: 'This is a TIFF scan; Progeny accepts only JPEG and PNG.', guidance: 'Use auto-fix to convert it to JPEG, or set the scanner to JPEG.' },
  avif: { message: 'This is an AVIF image; Progeny accepts only JPEG and PNG.', guidance: 'Use auto-fix to convert it to JPEG.' },
  heic: { message: 'This is a HEIC photo (iPhone format), which cannot be read here.', guidance: 'Set the phone camera to "Most Compatible", or export the photo as JPEG, then add it again.' },
  pdf: { message: 'This is a PDF document, not a photo.', guidance: 'Photograph or scan the document to a JPEG or PNG image instead.' },
  svg: { message: 'This is an SVG drawing, not a photo; it is refused because it can carry scripts.', guidance: 'Use a real photo in JPEG or PNG.' },
  bmp: {
    message: 'This is a BMP bitmap; Progeny accepts only JPEG and PNG.',
    guidance: 'Use auto-fix to convert it to JPEG (a compressed or cut-off BMP cannot be converted: save it as PNG or JPEG in an image editor).',
  },
  empty: { message: 'The file is empty (0 bytes).', guidance: 'Copy or export the photo again; the file was not saved properly.' },
  unknown: { message: 'This file is not an image this station can read.', guidance: 'Use a JPEG or PNG photo.' },
};

export interface FileInspection {
  header: ImageHeader;
  checks: Check[];
  /** Decoding is safe and useful only when no hard failure was found. */
  decodable: boolean;
}

/**
 * Judges a file from its bytes before anything decodes it. `bytes` may be just the start of a file
 * that is too large to read; `totalBytes` is its real size.
 */
export function inspectFile(bytes: Uint8Array, totalBytes: number = bytes.length): FileInspection {
  const header = readImageHeader(bytes);
  const checks: Check[] = [];
  const formatOk = header.format === 'jpeg' || header.format === 'png';
  const advice = formatOk ? null : FORMAT_ADVICE[header.format as keyof typeof FORMAT_ADVICE];

  checks.push({
    id: 'file.format',
    value: header.format,
    threshold: checkRule('file.format'),
    verdict: formatOk ? 'pass' : 'fail',
    message: advice?.message ?? `A ${header.format.toUpperCase()} image, as Progeny requires.`,
    guidance: advice?.guidance ?? '',
    ...(formatOk ? {} : convertible(header.format, bytes) ? { fixable: true } : { hard: true }),
  });

  const tooBigToRead = totalBytes > F.maxReadBytes.value;
  const bytesVerdict = atMost(totalBytes, F.maxBytes.value);
  checks.push({
    id: 'file.bytes',
    value: totalBytes,
    threshold: checkRule('file.bytes'),
    verdict: bytesVerdict,
    message: tooBigToRead
      ? `The file is ${(totalBytes / 1024 / 1024).toFixed(0)} MB: far larger than any photo of a face or document.`
      : bytesVerdict === 'pass'
        ? 'File size is within the limit.'
        : `The file is ${totalBytes.toLocaleString('en')} bytes; Progeny accepts at most ${F.maxBytes.value.toLocaleString('en')} bytes (${F.maxBytes.value / 1_000_000} MB).`,
    guidance: tooBigToRead ? 'Use the original camera photo or a normal JPEG export.' : bytesVerdict === 'pass' ? '' : 'Use auto-fix to recompress it.',
    ...(bytesVerdict === 'pass' ? {} : tooBigToRead ? { hard: true } : { fixable: true }),
  });

  if (formatOk && !tooBigToRead) {
    const unreadable = header.width === null || header.height === null || header.width === 0 || header.height === 0;
    // A JPEG that lost only its end marker still holds its whole picture: auto-fix saves it again.
    const markerOnly = header.truncated && header.pictureComplete === true && !unreadable;
    const broken = unreadable || (header.truncated && !markerOnly);
    checks.push({
      id: 'file.integrity',
      value: !(header.truncated || unreadable),
      threshold: checkRule('file.integrity'),
      verdict: header.truncated || unreadable ? 'fail' : 'pass',
      message: unreadable
        ? 'The image header is damaged: its size cannot be read.'
        : markerOnly
          ? 'The file lacks its end marker, but the whole picture is in it.'
          : header.truncated
            ? 'The file is incomplete: it stops before the end of the image.'
            : 'The file is complete.',
      guidance: markerOnly ? 'Use auto-fix to save it again as a complete file.' : broken ? 'Copy or export the photo again; the file was cut off or damaged.' : '',
      ...(broken ? { hard: true } : markerOnly ? { fixable: true } : {}),
    });
  }

  const quality = header.format === 'jpeg' ? header.jpegQuality : null;
  if (quality) {
    const low = quality.quality < F.minJpegQuality.value;
    checks.push({
      id: 'file.quality',
      value: quality.quality,
      threshold: checkRule('file.quality'),
      verdict: low ? 'fail' : 'pass',
      message: low
        ? `The JPEG was saved at quality ${quality.quality} (estimated from its compression tables); Progeny asks for at least ${F.minJpegQuality.value}.`
        : `JPEG quality ${quality.quality}${quality.standardTables ? '' : ' (estimated)'}.`,
      // Re-encoding keeps the artefacts and the lost detail: only a new capture helps.
      guidance: low ? 'Take a new photo; the camera/scanner saved it at low quality. Saving it again at higher quality cannot restore the lost detail.' : '',
    });
  }

  const width = header.displayWidth;
  const height = header.displayHeight;
  if (width !== null && height !== null && width > 0 && height > 0) {
    const pixels = width * height;
    const bomb = pixels > F.maxDecodePixels.value;
    checks.push({
      id: 'file.pixels',
      value: pixels,
      threshold: checkRule('file.pixels'),
      verdict: bomb ? 'fail' : 'pass',
      message: bomb ? `The image declares ${width}x${height} pixels, too many to open safely; it was not decoded.` : 'The pixel count is safe to open.',
      guidance: bomb ? 'This is not a normal photo. Use a camera photo or scan of a sensible size.' : '',
      ...(bomb ? { hard: true } : {}),
    });

    if (!bomb) {
      const shortSide = Math.min(width, height);
      const longSide = Math.max(width, height);
      const tooSmall = shortSide < F.minSide.value;
      const tooLarge = longSide > F.maxSide.value;
      // Small but usable: the bounded enlargement reaches the minimum without passing the maximum.
      const enlargeable = tooSmall && shortSide * A.maxEnlarge.value >= F.minSide.value && (longSide * F.minSide.value) / shortSide <= F.maxSide.value;
      checks.push({
        id: 'file.dimensions',
        value: `${width}x${height}`,
        threshold: checkRule('file.dimensions'),
        verdict: tooSmall || tooLarge ? 'fail' : 'pass',
        message: tooSmall
          ? `The image is only ${width}x${height} px; each side must be at least ${F.minSide.value} px.`
          : tooLarge
            ? `The image is ${width}x${height} px; no side may exceed ${F.maxSide.value} px.`
            : 'The image dimensions are within limits.',
        guidance: tooSmall
          ? enlargeable
            ? `Use auto-fix to enlarge it (at most ${A.maxEnlarge.value}x), or take the photo again at a higher resolution.`
            : 'Take the photo again at a higher resolution; this image is too small to enlarge.'
          : tooLarge
            ? 'Use auto-fix to scale it down.'
            : '',
        ...((tooLarge && !tooSmall) || (tooSmall && enlargeable) ? { fixable: true } : {}),
      });
      if (!tooLarge && !tooSmall) {
        const high = height > A.maxHeight.value;
        checks.push({
          id: 'file.height',
          value: height,
          threshold: checkRule('file.height'),
          verdict: high ? 'warn' : 'pass',
          message: high ? `The image is ${height} px high; Progeny recommends at most ${A.maxHeight.value} px.` : "The height follows Progeny's recommendation.",
          guidance: high ? 'Auto-fix can scale it down without losing the detail the checks need.' : '',
          ...(high ? { fixable: true } : {}),
        });
      }
    }
  }

  if (header.orientation !== 1) {
    checks.push({
      id: 'file.orientation',
      value: header.orientation,
      threshold: checkRule('file.orientation'),
      verdict: 'warn',
      message: 'The photo is stored sideways or mirrored and only displayed upright through its EXIF tag; the checks use it upright.',
      guidance: 'Auto-fix stores it upright so Progeny sees what you see.',
      fixable: true,
    });
  }
  if (header.hasGps) {
    checks.push({
      id: 'file.metadata',
      value: 'GPS location',
      threshold: checkRule('file.metadata'),
      verdict: 'warn',
      message: 'The photo carries the GPS location where it was taken.',
      guidance: 'Auto-fix removes all metadata before anything is sent.',
      fixable: true,
    });
  }

  return { header, checks, decodable: !checks.some((c) => c.verdict === 'fail' && c.hard) };
}

/** The check recorded when the decoder itself refuses a file that looked fine from its header. */
export function decodeFailure(reason: string): Check {
  return {
    id: 'file.decode',
    value: false,
    threshold: checkRule('file.decode'),
    verdict: 'fail',
    message: `The image could not be decoded (${reason}).`,
    guidance: 'Copy or export the photo again, or take a new one.',
    hard: true,
  };
}
