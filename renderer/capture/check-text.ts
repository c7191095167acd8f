/**
 * Every check of the pre-check engine in the operator's language: its name, its rule (worded once
 * in common/analysis/check-rules.ts, which the English table references; numbers from REQUIREMENTS
 * through `ruleParams`, so a changed limit shows everywhere) and what to do when it fails. The
 * engine's own English is only the fallback for a check id the tables do not know (an old record).
 */
import { useTranslation } from 'react-i18next';
import type { Check } from '../../common/analysis/check';
import { CHECK_IDS, isCheckId, numberFormat, ruleParams, type CheckId } from '../../common/analysis/check-rules';
import { REQUIREMENTS } from '../../common/analysis/requirements';

const { file: F, autofix: A } = REQUIREMENTS;

/** The engine's check ids, listed once in common/analysis/check-rules.ts. */
export const KNOWN_CHECKS = CHECK_IDS;
export type { CheckId };
export const isKnownCheck = isCheckId;

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
  const format = numberFormat(lang, (value) => t('capture.value.megapixels', { value }));
  const { number, percent, pixels, degrees, bytes, megapixels } = format;
  // A size that rounds to the limit while breaking it ("2 MB, ≤ 2 MB: fail") is shown to the byte.
  const fileSize = (value: number) =>
    value !== F.maxBytes.value && bytes(value) === bytes(F.maxBytes.value) ? new Intl.NumberFormat(lang, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(value) : bytes(value);

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
    threshold: (check: Check) => (isKnownCheck(check.id) ? t(`capture.checks.${check.id}.threshold`, { min: '', max: '', ...ruleParams(check.id, format) }) : check.threshold),
    guidance: (check: Check) => (isKnownCheck(check.id) ? t(`capture.checks.${check.id}.guidance`, { factor: number(A.maxEnlarge.value, 1) }) : check.guidance),
    value: (check: Check) => formatValue(isKnownCheck(check.id) ? check.id : null, check.value),
    bytes,
    number,
    pixels,
  };
}
