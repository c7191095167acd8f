import { atLeast, atMost, type Check, type ImageRole, type Verdict } from './check';
import { findDocument, type DocumentGeometry } from './document-geometry';
import type { FaceObservation } from './face';
import type { MrzFormat, MrzRead } from './mrz-types';
import { laplacianVariance, lumaRegion, shareAtLeast, type RawImage, type Rect } from './pixels';
import { describeLimit, REQUIREMENTS } from './requirements';

const D = REQUIREMENTS.document;
/** Document regions are measured at this width so sharpness compares across photo sizes. */
export const DOCUMENT_CROP_WIDTH = 1000;

/** Which document sides carry a portrait, and which an MRZ (TD3 passport page, TD1 card back). */
export const PORTRAIT_ROLES: readonly ImageRole[] = ['id_front', 'passport'];
export const MRZ_FORMAT_BY_ROLE: Partial<Record<ImageRole, MrzFormat>> = { passport: 'TD3', id_back: 'TD1' };

/** Where the MRZ sits on the document: the bottom band (TD3 two lines, TD1 three lines). */
export function mrzRegion(bounds: Rect, format: MrzFormat): Rect {
  const share = format === 'TD1' ? 0.45 : 0.3;
  return { x: bounds.x, y: bounds.y + bounds.height * (1 - share), width: bounds.width, height: bounds.height * share };
}

const mk = (id: string, value: Check['value'], threshold: string, verdict: Verdict, good: string, bad: string, guidance: string): Check => ({
  id,
  value,
  threshold,
  verdict,
  message: verdict === 'pass' ? good : bad,
  guidance: verdict === 'pass' ? '' : guidance,
});

export interface DocumentFindings {
  geometry: DocumentGeometry;
  checks: Check[];
}

/** Geometry and image-quality checks; the portrait and MRZ checks are added by the caller's models. */
export function documentChecks(image: RawImage): DocumentFindings {
  const geometry = findDocument(image);
  const checks: Check[] = [
    mk('document.present', geometry.found, 'a document in view', geometry.found ? 'pass' : 'fail', 'A document is in view.', 'No document could be found in the photo.', 'Place the document flat on a plain, darker surface and photograph it from above.'),
  ];
  if (!geometry.found) return { geometry, checks };
  checks.push(
    mk('document.fill', Math.round(geometry.fill * 100) / 100, describeLimit('≥', D.warnFill), atLeast(geometry.fill, D.minFill.value, D.warnFill.value), 'The document fills the frame well.', `The document covers only ${Math.round(geometry.fill * 100)} % of the photo.`, 'Move the camera closer so the document fills most of the frame.'),
  );
  const tilt = Math.abs(geometry.tilt);
  checks.push(
    mk('document.tilt', geometry.tilt, describeLimit('≤', D.maxTiltWarn), atMost(tilt, D.maxTiltFail.value, D.maxTiltWarn.value), 'The document is level.', `The document is tilted by ${tilt.toFixed(0)}°.`, 'Straighten the document or the camera so its edges are level.'),
  );
  const region = lumaRegion(image, geometry.bounds, DOCUMENT_CROP_WIDTH);
  const sharpness = laplacianVariance(region);
  checks.push(
    mk('document.sharpness', Math.round(sharpness), describeLimit('≥', D.sharpnessWarn), atLeast(sharpness, D.sharpnessFail.value, D.sharpnessWarn.value), 'The document is in focus.', 'The document is blurred.', 'Hold the camera still and let it focus on the text.'),
  );
  const glare = shareAtLeast(region, 250);
  checks.push(
    mk('document.glare', Math.round(glare * 1000) / 1000, describeLimit('≤', D.maxGlareWarn), atMost(glare, D.maxGlareFail.value, D.maxGlareWarn.value), 'No glare on the document.', `Glare covers ${(glare * 100).toFixed(1)} % of the document.`, 'Tilt the document slightly or move the light so no reflection hides the text.'),
  );
  return { geometry, checks };
}

export function portraitCheck(faces: FaceObservation[], geometry: DocumentGeometry): Check {
  const inside = faces.filter((f) => {
    const cx = f.box.x + f.box.width / 2;
    const cy = f.box.y + f.box.height / 2;
    const b = geometry.bounds;
    return cx >= b.x && cx <= b.x + b.width && cy >= b.y && cy <= b.y + b.height;
  });
  return mk('document.portrait', inside.length, 'a portrait on the document', inside.length > 0 ? 'pass' : 'fail', 'The holder\'s portrait is visible.', 'No portrait was found on the document.', 'Photograph the side with the holder\'s photo, with nothing covering it.');
}

export function mrzChecks(read: MrzRead): Check[] {
  const found = read.format !== null;
  const checks: Check[] = [
    mk(
      'document.mrz',
      found ? read.lines.join('\n') : null,
      'machine-readable zone read with every check digit valid',
      read.valid ? 'pass' : 'warn',
      'The machine-readable zone was read and every check digit matches.',
      found ? 'The machine-readable zone was read, but some check digits do not match.' : 'The machine-readable zone could not be read on this computer.',
      found ? 'Retake the photo sharper and without glare on the bottom lines; if it persists, check the document closely.' : 'Make sure the two or three lines of <<< characters at the bottom are sharp, unobstructed and free of glare.',
    ),
  ];
  if (read.expired !== null) {
    checks.push(
      mk('document.expiry', read.fields?.expiryDate ?? null, 'not expired', read.expired ? 'warn' : 'pass', 'The document has not expired.', `The document expired on ${read.fields?.expiryDate ?? 'an unreadable date'}.`, 'Ask the customer for a valid document; Progeny reports expired documents as not valid.'),
    );
  }
  return checks;
}
