/**
 * Every check of the pre-check engine in the operator's language: its name, its rule (numbers
 * taken from REQUIREMENTS, so a changed limit shows everywhere) and what to do when it fails. The
 * engine's own English sentences are only the fallback for a check id this table does not know.
 */
import { useTranslation } from 'react-i18next';
import type { Check } from '../../common/analysis/check';
import { REQUIREMENTS } from '../../common/analysis/requirements';

const { file: F, autofix: A, selfie: S, document: D } = REQUIREMENTS;

export const KNOWN_CHECKS = [
  'file.format',
  'file.bytes',
  'file.integrity',
  'file.quality',
  'file.pixels',
  'file.dimensions',
  'file.height',
  'file.orientation',
  'file.metadata',
  'file.decode',
  'face.count',
  'face.size',
  'face.eye-distance',
  'face.yaw',
  'face.pitch',
  'face.roll',
  'face.sharpness',
  'face.exposure',
  'face.highlights',
  'face.centred',
  'face.cut-off',
  'face.eyes-open',
  'face.eyewear',
  'face.mask',
  'document.present',
  'document.fill',
  'document.tilt',
  'document.sharpness',
  'document.glare',
  'document.portrait',
  'document.mrz',
  'document.expiry',
] as const;

export type CheckId = (typeof KNOWN_CHECKS)[number];
export const isKnownCheck = (id: string): id is CheckId => (KNOWN_CHECKS as readonly string[]).includes(id);

type ValueKind = 'px' | 'degrees' | 'percent' | 'bytes' | 'megapixels' | 'dimensions' | 'format' | 'gps' | 'date' | 'machine' | 'plain';

const VALUE_KIND: Partial<Record<CheckId, ValueKind>> = {
  'file.bytes': 'bytes',
  'file.pixels': 'megapixels',
  'file.dimensions': 'dimensions',
  'file.height': 'px',
  'file.format': 'format',
  'file.metadata': 'gps',
  'face.size': 'px',
  'face.eye-distance': 'px',
  'face.yaw': 'degrees',
  'face.pitch': 'degrees',
  'face.roll': 'degrees',
  'face.highlights': 'percent',
  'face.centred': 'percent',
  'face.cut-off': 'percent',
  'document.fill': 'percent',
  'document.tilt': 'degrees',
  'document.glare': 'percent',
  'document.mrz': 'machine',
  'document.expiry': 'date',
};

/** Machine-readable text (MRZ lines) is shown as code, left to right, even in Arabic. */
export const isMachineText = (id: string) => isKnownCheck(id) && VALUE_KIND[id] === 'machine';

export function useCheckText() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const number = (value: number, digits = 2) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
  const percent = (share: number) => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(share);
  // Pixel sizes read as image dimensions ("1920 × 1080"), so without thousands separators.
  const pixels = (value: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 0, useGrouping: false }).format(value);
  const degrees = (value: number) => new Intl.NumberFormat(lang, { style: 'unit', unit: 'degree', unitDisplay: 'narrow', maximumFractionDigits: 1 }).format(value);
  // Decimal units, as Progeny's "2 MB" limit is 2,000,000 bytes.
  const bytes = (value: number) =>
    value >= 1_000_000
      ? new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 2 }).format(value / 1_000_000)
      : new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(value / 1_000);
  // A size that rounds to the limit while breaking it ("2 MB, ≤ 2 MB: fail") is shown to the byte.
  const fileSize = (value: number) =>
    value !== F.maxBytes.value && bytes(value) === bytes(F.maxBytes.value) ? new Intl.NumberFormat(lang, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(value) : bytes(value);
  const megapixels = (value: number) => t('capture.value.megapixels', { value: number(value / 1_000_000, 1) });

  // Every threshold text uses at most {{min}} and {{max}}.
  const thresholdParams: Partial<Record<CheckId, { min?: string; max?: string }>> = {
    'file.bytes': { max: bytes(F.maxBytes.value) },
    'file.pixels': { max: megapixels(F.maxDecodePixels.value) },
    'file.dimensions': { min: pixels(F.minSide.value), max: pixels(F.maxSide.value) },
    'file.height': { max: pixels(A.maxHeight.value) },
    'file.quality': { min: number(F.minJpegQuality.value, 0) },
    'face.size': { min: pixels(S.minFaceSide.value) },
    'face.eye-distance': { min: pixels(S.minEyeDistance.value) },
    'face.yaw': { max: degrees(S.maxYaw.value) },
    'face.pitch': { max: degrees(S.maxPitch.value) },
    'face.roll': { max: degrees(S.maxRoll.value) },
    'face.sharpness': { max: number(S.maxBlurWarn.value) },
    'face.exposure': { min: number(S.minSkinHighlightWarn.value), max: number(S.maxSkinMedianWarn.value) },
    'face.highlights': { max: percent(S.maxClippedShare.value) },
    'face.centred': { max: percent(S.maxCentreOffset.value) },
    'face.cut-off': { min: percent(S.minEdgeMargin.value) },
    'face.eyes-open': { min: number(S.minEyeOpenness.value) },
    'face.eyewear': { min: number(S.minEyeWhite.value) },
    'face.mask': { min: percent(S.minLowerSkinShare.value) },
    'document.fill': { min: percent(D.warnFill.value) },
    'document.tilt': { max: degrees(D.maxTiltWarn.value) },
    'document.sharpness': { min: number(D.sharpnessWarn.value) },
    'document.glare': { max: percent(D.maxGlareWarn.value) },
  };

  const formatValue = (id: CheckId | null, value: Check['value']): string => {
    if (value === null) return t('capture.value.none');
    if (typeof value === 'boolean') return value ? t('words.yes') : t('words.no');
    const kind = (id && VALUE_KIND[id]) ?? 'plain';
    if (typeof value === 'number') {
      switch (kind) {
        case 'px':
          return t('capture.value.px', { value: pixels(value) });
        case 'degrees':
          return degrees(value);
        case 'percent':
          return percent(value);
        case 'bytes':
          return fileSize(value);
        case 'megapixels':
          return megapixels(value);
        default:
          return number(value);
      }
    }
    switch (kind) {
      case 'dimensions': {
        const [width, height] = value.split('x').map(Number);
        return width !== undefined && height !== undefined && Number.isFinite(width) && Number.isFinite(height)
          ? t('capture.value.dimensions', { width: pixels(width), height: pixels(height) })
          : value;
      }
      case 'format':
        return value === 'empty' ? t('capture.value.emptyFile') : value === 'unknown' ? t('capture.value.unknownFormat') : value.toUpperCase();
      case 'gps':
        return t('capture.value.gps');
      case 'date': {
        const date = new Date(`${value}T00:00:00Z`);
        return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
      }
      default:
        return value;
    }
  };

  return {
    name: (check: Pick<Check, 'id'>) => (isKnownCheck(check.id) ? t(`capture.checks.${check.id}.name`) : check.id),
    threshold: (check: Check) => (isKnownCheck(check.id) ? t(`capture.checks.${check.id}.threshold`, { min: '', max: '', ...thresholdParams[check.id] }) : check.threshold),
    guidance: (check: Check) => (isKnownCheck(check.id) ? t(`capture.checks.${check.id}.guidance`, { factor: number(A.maxEnlarge.value, 1) }) : check.guidance),
    value: (check: Check) => formatValue(isKnownCheck(check.id) ? check.id : null, check.value),
    bytes,
    number,
    pixels,
  };
}
