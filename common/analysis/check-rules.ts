/**
 * The pre-check's checks, once: every id the engine can produce, and the rule each one is measured
 * against, in English, with its numbers as `{{min}}` and `{{max}}` (taken from REQUIREMENTS by
 * `ruleParams`). The engine fills these in English for `Check.threshold` (what `station precheck`,
 * main's intake and the evidence report print); the renderer's English table references the same
 * templates (renderer/i18n/areas/capture.ts) and fills them in the operator's language
 * (renderer/capture/check-text.ts), so a rule is worded once and its numbers come from one place.
 */
import { REQUIREMENTS } from './requirements';

export const CHECK_RULES = {
  file: {
    format: 'JPEG or PNG',
    bytes: '≤ {{max}}',
    integrity: 'Complete, undamaged file',
    quality: '≥ {{min}} %',
    pixels: '≤ {{max}}',
    dimensions: 'Each side {{min}}–{{max}} px',
    height: '≤ {{max}} px',
    orientation: 'Stored upright',
    metadata: 'No location data',
    decode: 'Decodable image',
  },
  face: {
    count: 'Exactly one face',
    size: '≥ {{min}} px',
    'eye-distance': '≥ {{min}} px',
    yaw: 'Within ±{{max}}',
    pitch: 'Within ±{{max}}',
    roll: 'Within ±{{max}}',
    sharpness: 'Blur score ≤ {{max}} (0 crisp – 1 blurred)',
    exposure: 'Brightest skin ≥ {{min}}, median skin ≤ {{max}} (of 255)',
    highlights: '≤ {{max}} of the face',
    centred: 'Offset from the centre ≤ {{max}}',
    'cut-off': 'Margin ≥ {{min}} of the face size',
    'eyes-open': 'Openness ≥ {{min}}',
    eyewear: 'Brightness of the eye whites ≥ {{min}} of the skin',
    mask: 'Uncovered skin ≥ {{min}} of the lower face',
  },
  document: {
    present: 'A document in the photo',
    fill: '≥ {{min}} of the photo',
    tilt: 'Within ±{{max}}',
    sharpness: 'Sharpness score ≥ {{min}}',
    glare: '≤ {{max}} of the document',
    portrait: 'Portrait visible on the document',
    mrz: 'Read, every check digit valid',
    expiry: 'Not expired',
  },
} as const;

type Rules = typeof CHECK_RULES;
/** Every check id the engine can produce, e.g. `face.size`. */
export type CheckId = { [G in keyof Rules]: `${G}.${keyof Rules[G] & string}` }[keyof Rules];

export const CHECK_IDS: readonly CheckId[] = Object.entries(CHECK_RULES).flatMap(([group, rules]) => Object.keys(rules).map((name) => `${group}.${name}` as CheckId));
export const isCheckId = (id: string): id is CheckId => (CHECK_IDS as readonly string[]).includes(id);

/** The rule's template, `{{min}}`/`{{max}}` still in it. */
export function ruleTemplate(id: CheckId): string {
  const dot = id.indexOf('.');
  const group = CHECK_RULES[id.slice(0, dot) as keyof Rules] as Record<string, string>;
  return group[id.slice(dot + 1)]!;
}

/** How a language writes the numbers of a rule (and of a measured value). */
export interface NumberFormat {
  number: (value: number, digits?: number) => string;
  percent: (share: number) => string;
  /** Pixel sizes read as image dimensions ("1920 × 1080"), so without thousands separators. */
  pixels: (value: number) => string;
  degrees: (value: number) => string;
  /** Decimal units, as Progeny's "2 MB" limit is 2,000,000 bytes. */
  bytes: (value: number) => string;
  megapixels: (value: number) => string;
}

/** `megapixels` gets the number already written and adds the word ("64 megapixels"). */
export function numberFormat(language: string, megapixels: (value: string) => string): NumberFormat {
  const number = (value: number, digits = 2) => new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
  return {
    number,
    percent: (share) => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(share),
    pixels: (value) => new Intl.NumberFormat(language, { maximumFractionDigits: 0, useGrouping: false }).format(value),
    degrees: (value) => new Intl.NumberFormat(language, { style: 'unit', unit: 'degree', unitDisplay: 'narrow', maximumFractionDigits: 1 }).format(value),
    bytes: (value) =>
      value >= 1_000_000
        ? new Intl.NumberFormat(language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 2 }).format(value / 1_000_000)
        : new Intl.NumberFormat(language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(value / 1_000),
    megapixels: (value) => megapixels(number(value / 1_000_000, 1)),
  };
}

const { file: F, autofix: A, selfie: S, document: D } = REQUIREMENTS;

/** The numbers each rule names, from REQUIREMENTS; rules without numbers have none. */
export function ruleParams(id: CheckId, f: NumberFormat): { min?: string; max?: string } {
  switch (id) {
    case 'file.bytes':
      return { max: f.bytes(F.maxBytes.value) };
    case 'file.pixels':
      return { max: f.megapixels(F.maxDecodePixels.value) };
    case 'file.dimensions':
      return { min: f.pixels(F.minSide.value), max: f.pixels(F.maxSide.value) };
    case 'file.height':
      return { max: f.pixels(A.maxHeight.value) };
    case 'file.quality':
      return { min: f.number(F.minJpegQuality.value, 0) };
    case 'face.size':
      return { min: f.pixels(S.minFaceSide.value) };
    case 'face.eye-distance':
      return { min: f.pixels(S.minEyeDistance.value) };
    case 'face.yaw':
      return { max: f.degrees(S.maxYaw.value) };
    case 'face.pitch':
      return { max: f.degrees(S.maxPitch.value) };
    case 'face.roll':
      return { max: f.degrees(S.maxRoll.value) };
    case 'face.sharpness':
      return { max: f.number(S.maxBlurWarn.value) };
    case 'face.exposure':
      return { min: f.number(S.minSkinHighlightWarn.value), max: f.number(S.maxSkinMedianWarn.value) };
    case 'face.highlights':
      return { max: f.percent(S.maxClippedShare.value) };
    case 'face.centred':
      return { max: f.percent(S.maxCentreOffset.value) };
    case 'face.cut-off':
      return { min: f.percent(S.minEdgeMargin.value) };
    case 'face.eyes-open':
      return { min: f.number(S.minEyeOpenness.value) };
    case 'face.eyewear':
      return { min: f.number(S.minEyeWhite.value) };
    case 'face.mask':
      return { min: f.percent(S.minLowerSkinShare.value) };
    case 'document.fill':
      return { min: f.percent(D.warnFill.value) };
    case 'document.tilt':
      return { max: f.degrees(D.maxTiltWarn.value) };
    case 'document.sharpness':
      return { min: f.number(D.sharpnessWarn.value) };
    case 'document.glare':
      return { max: f.percent(D.maxGlareWarn.value) };
    default:
      return {};
  }
}

const ENGLISH = numberFormat('en', (value) => `${value} megapixels`);

/** The rule in English with its numbers, as the engine records it in `Check.threshold`. */
export function checkRule(id: CheckId): string {
  const params = ruleParams(id, ENGLISH);
  return ruleTemplate(id).replace(/\{\{(min|max)\}\}/g, (_, key: 'min' | 'max') => params[key] ?? '');
}
