import { atLeast, atMost, type Check, type ImageRole, type Verdict } from './check';
import { checkRule, type CheckId } from './check-rules';
import { documentFromMrz, findDocument, type DocumentGeometry } from './document-geometry';
import type { MrzBand } from './mrz-locate';
import type { FaceObservation } from './face';
import type { MrzFormat, MrzRead } from './mrz-types';
import { laplacianVariance, lumaRegion, type GrayImage, type RawImage, type Rect } from './pixels';
import { REQUIREMENTS } from './requirements';

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

/** The rule's words come from check-rules.ts; what was found and what to do are the engine's own (CLI, intake). */
const mk = (id: CheckId, value: Check['value'], verdict: Verdict, good: string, bad: string, guidance: string): Check => ({
  id,
  value,
  threshold: checkRule(id),
  verdict,
  message: verdict === 'pass' ? good : bad,
  guidance: verdict === 'pass' ? '' : guidance,
});

export interface DocumentFindings {
  geometry: DocumentGeometry;
  checks: Check[];
}

/**
 * Glare is specular reflection: a compact blob of clipped highlights inside the document. Thin
 * bright lines (guilloche, security print) vanish under a morphological opening, and white paper
 * that reaches the region's border (a scan's margin, an illustration's ground) is not a reflection.
 * Measured at DOCUMENT_CROP_WIDTH, so the opening's 5 px is 0.5 % of the document's width.
 */
export function glareShare(gray: GrayImage, level = 250): number {
  const { width: w, height: h, data } = gray;
  const bright = new Uint8Array(w * h);
  for (let i = 0; i < bright.length; i += 1) bright[i] = data[i]! >= level ? 1 : 0;
  const opened = dilate(erode(bright, w, h, 2), w, h, 2);
  const seen = new Uint8Array(w * h);
  let glare = 0;
  const stack: number[] = [];
  // Four plain calls per pixel, not a loop over an array of neighbours: that array per pixel was most of the pre-check's garbage.
  const visit = (n: number) => {
    if (opened[n] && !seen[n]) {
      seen[n] = 1;
      stack.push(n);
    }
  };
  for (let start = 0; start < opened.length; start += 1) {
    if (!opened[start] || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    let size = 0;
    let touches = false;
    while (stack.length > 0) {
      const i = stack.pop()!;
      size += 1;
      const x = i % w;
      const y = (i - x) / w;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) touches = true;
      if (x > 0) visit(i - 1);
      if (x < w - 1) visit(i + 1);
      if (y > 0) visit(i - w);
      if (y < h - 1) visit(i + w);
    }
    if (!touches) glare += size;
  }
  return glare / (w * h);
}

/**
 * Binary erosion / dilation with a (2r+1)² square, separable, from a running count of set pixels
 * in the window (so its cost does not grow with r). Outside the image counts as neither.
 */
function morph(mask: Uint8Array, w: number, h: number, r: number, keep: 0 | 1): Uint8Array {
  const pass = (src: Uint8Array, horizontal: boolean): Uint8Array => {
    const out = new Uint8Array(src.length);
    const lines = horizontal ? h : w;
    const length = horizontal ? w : h;
    const step = horizontal ? 1 : w;
    for (let line = 0; line < lines; line += 1) {
      const base = horizontal ? line * w : line;
      let set = 0;
      for (let k = 0; k < Math.min(r, length); k += 1) set += src[base + k * step]!;
      for (let k = 0; k < length; k += 1) {
        if (k + r < length) set += src[base + (k + r) * step]!;
        if (k - r - 1 >= 0) set -= src[base + (k - r - 1) * step]!;
        const inside = Math.min(length - 1, k + r) - Math.max(0, k - r) + 1;
        out[base + k * step] = keep === 1 ? (set === inside ? 1 : 0) : set > 0 ? 1 : 0;
      }
    }
    return out;
  };
  return pass(pass(mask, true), false);
}
const erode = (mask: Uint8Array, w: number, h: number, r: number) => morph(mask, w, h, r, 1);
const dilate = (mask: Uint8Array, w: number, h: number, r: number) => morph(mask, w, h, r, 0);

/**
 * Geometry and image-quality checks; the portrait and MRZ checks are added by the caller's models.
 * `band` is the located MRZ, if any: it fixes the page where its edges cannot be seen.
 */
export function documentChecks(image: RawImage, band: MrzBand | null = null): DocumentFindings {
  const edges = findDocument(image);
  const geometry = band ? documentFromMrz(image, band, edges) : edges;
  const checks: Check[] = [
    mk(
      'document.present',
      geometry.found,
      geometry.found ? 'pass' : 'fail',
      'A document is in view.',
      'No document could be found in the photo.',
      'Place the document flat on a plain, darker surface and photograph it from above.',
    ),
  ];
  if (!geometry.found) return { geometry, checks };
  checks.push(
    mk(
      'document.fill',
      Math.round(geometry.fill * 100) / 100,
      atLeast(geometry.fill, D.minFill.value, D.warnFill.value),
      'The document fills the frame well.',
      `The document covers only ${Math.round(geometry.fill * 100)} % of the photo.`,
      'Move the camera closer so the document fills most of the frame.',
    ),
  );
  const tilt = Math.abs(geometry.tilt);
  checks.push(
    mk(
      'document.tilt',
      geometry.tilt,
      atMost(tilt, D.maxTiltFail.value, D.maxTiltWarn.value),
      'The document is level.',
      `The document is tilted by ${tilt.toFixed(0)}°.`,
      'Straighten the document or the camera so its edges are level.',
    ),
  );
  const region = lumaRegion(image, geometry.bounds, DOCUMENT_CROP_WIDTH);
  const sharpness = laplacianVariance(region);
  checks.push(
    mk(
      'document.sharpness',
      Math.round(sharpness),
      atLeast(sharpness, D.sharpnessFail.value, D.sharpnessWarn.value),
      'The document is in focus.',
      'The document is blurred.',
      'Hold the camera still and let it focus on the text.',
    ),
  );
  const glare = glareShare(region);
  checks.push(
    mk(
      'document.glare',
      Math.round(glare * 1000) / 1000,
      atMost(glare, D.maxGlareFail.value, D.maxGlareWarn.value),
      'No glare on the document.',
      `Glare covers ${(glare * 100).toFixed(1)} % of the document.`,
      'Tilt the document slightly or move the light so no reflection hides the text.',
    ),
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
  return mk(
    'document.portrait',
    inside.length,
    inside.length > 0 ? 'pass' : 'fail',
    "The holder's portrait is visible.",
    'No portrait was found on the document.',
    "Photograph the side with the holder's photo, with nothing covering it.",
  );
}

const DIGIT_NAMES: Readonly<Record<string, string>> = {
  documentNumberCheckDigit: 'the document number',
  birthDateCheckDigit: 'the birth date',
  expirationDateCheckDigit: 'the expiry date',
  personalNumberCheckDigit: 'the personal number',
  compositeCheckDigit: 'the composite',
};

/** "the check digits of the birth date and the composite do not match", or why none could be checked. */
export function failingDigits(read: MrzRead): string {
  const failing = read.checkDigits.filter((c) => !c.valid).map((c) => DIGIT_NAMES[c.field] ?? c.field);
  if (read.checkDigits.length === 0) return `its ${read.format ?? ''} lines do not have the layout's shape, so no check digit could be tested`;
  if (failing.length === 0) return 'a date or the sex is not possible';
  const list = failing.length === 1 ? failing[0]! : `${failing.slice(0, -1).join(', ')} and ${failing[failing.length - 1]!}`;
  return `the check digit${failing.length === 1 ? '' : 's'} of ${list} do${failing.length === 1 ? 'es' : ''} not match`;
}

export function mrzChecks(read: MrzRead): Check[] {
  const found = read.format !== null;
  const checks: Check[] = [
    mk(
      'document.mrz',
      found ? read.lines.join('\n') : null,
      read.valid ? 'pass' : 'warn',
      'The machine-readable zone was read and every check digit matches.',
      found ? `The machine-readable zone was read, but ${failingDigits(read)}.` : 'The machine-readable zone could not be read on this computer.',
      found
        ? 'Retake the photo sharper and without glare on the bottom lines; if it persists, check the document closely.'
        : 'Make sure the two or three lines of <<< characters at the bottom are sharp, unobstructed and free of glare.',
    ),
  ];
  if (read.expired !== null) {
    checks.push(
      mk(
        'document.expiry',
        read.fields?.expiryDate ?? null,
        read.expired ? 'warn' : 'pass',
        'The document has not expired.',
        `The document expired on ${read.fields?.expiryDate ?? 'an unreadable date'}.`,
        'Ask the customer for a valid document; Progeny reports expired documents as not valid.',
      ),
    );
  }
  return checks;
}
