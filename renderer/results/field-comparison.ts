/**
 * The document fields as this station read them from the MRZ beside Progeny's OCR of the same
 * document. The two reads spell things differently (MRZ has no accents, no hyphens, fixed codes),
 * so values are normalised before they are compared: only a real difference is flagged.
 */
import type { MrzFields } from '../../common/analysis/mrz-types';
import { NEVER_CONFIRMED, readPrecheckRecord, unconfirmedOf } from '../../common/precheck-record';
import type { VerificationResult } from '../../common/contract';

export const COMPARED_FIELDS = ['firstName', 'lastName', 'documentNumber', 'nationality', 'dateOfBirth', 'sex', 'dateOfExpiry'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/**
 * same / differs: both sides read. unconfirmed: both read alike, but no valid check digit vouches
 * for the station's value, so the agreement proves little (two reads can share a misreading).
 * incomparable: both read, but one is a 3-letter code and the other a name (a nationality), which
 * no normalisation can line up. Otherwise one side is missing, which is "not read", never a mismatch.
 */
export type Agreement = 'same' | 'differs' | 'unconfirmed' | 'incomparable' | 'station-missing' | 'progeny-missing' | 'both-missing';

export interface FieldComparison {
  field: ComparedField;
  station: string | null;
  progeny: string | null;
  agreement: Agreement;
  /**
   * Whether a valid check digit vouches for the station's value. Names, sex and nationality have
   * none, so two OCR reads agreeing on them prove little: such a row is never 'same' (it is
   * 'unconfirmed'), and a real difference is still 'differs'.
   */
  confirmed: boolean;
}

export interface StationMrzRead {
  /** Every check digit matched. */
  valid: boolean;
  fields: MrzFields;
  /** Fields no valid check digit vouches for (see MrzRead.unconfirmed). */
  unconfirmed: Array<keyof MrzFields>;
}

type DocumentFields = NonNullable<VerificationResult['document']>['fields'];

const MRZ_SOURCE: Record<ComparedField, keyof MrzFields> = {
  firstName: 'firstName',
  lastName: 'lastName',
  documentNumber: 'documentNumber',
  nationality: 'nationality',
  dateOfBirth: 'birthDate',
  sex: 'sex',
  dateOfExpiry: 'expiryDate',
};

const present = (value: string | null | undefined): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** Upper case, accents dropped, MRZ fillers and punctuation as single spaces. */
export function normaliseText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Dates as YYYY-MM-DD whatever the padding or separator ("1991-9-24", "24.09.1991"). */
export function normaliseDate(value: string): string {
  const iso = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})/.exec(value.trim());
  if (iso) return `${iso[1]}-${iso[2]!.padStart(2, '0')}-${iso[3]!.padStart(2, '0')}`;
  const dayFirst = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(value.trim());
  if (dayFirst) return `${dayFirst[3]}-${dayFirst[2]!.padStart(2, '0')}-${dayFirst[1]!.padStart(2, '0')}`;
  return normaliseText(value);
}

const SEX_WORDS: Readonly<Record<string, string>> = { MALE: 'M', FEMALE: 'F', MASCULIN: 'M', FEMININ: 'F' };

function normalise(field: ComparedField, value: string): string {
  switch (field) {
    case 'dateOfBirth':
    case 'dateOfExpiry':
      return normaliseDate(value);
    case 'documentNumber':
      // Spaces, hyphens and MRZ fillers are layout, not part of the number.
      return normaliseText(value).replace(/ /g, '');
    case 'sex': {
      const text = normaliseText(value);
      return SEX_WORDS[text] ?? text;
    }
    default:
      return normaliseText(value);
  }
}

/** ICAO 9303 nationality codes are three letters, except Germany's single 'D' (filled 'D<<'). */
const isCountryCode = (value: string) => /^[A-Z]{3}$/.test(value) || value === 'D';

export function compareField(field: ComparedField, station: string | null, progeny: string | null): Agreement {
  const a = present(station);
  const b = present(progeny);
  if (a === null && b === null) return 'both-missing';
  if (a === null) return 'station-missing';
  if (b === null) return 'progeny-missing';
  const left = normalise(field, a);
  const right = normalise(field, b);
  if (left === right) return 'same';
  if (field === 'nationality' && isCountryCode(left) !== isCountryCode(right)) return 'incomparable';
  return 'differs';
}

/**
 * `unconfirmed`: the station read's fields without a valid check digit (MrzRead.unconfirmed);
 * by default the fields no check digit ever covers.
 */
export function compareDocumentFields(mrz: MrzFields | null, ocr: DocumentFields | null, unconfirmed: ReadonlyArray<keyof MrzFields> = NEVER_CONFIRMED): FieldComparison[] {
  return COMPARED_FIELDS.map((field) => {
    const station = present(mrz?.[MRZ_SOURCE[field]]);
    const progeny = present(ocr?.[field]);
    const confirmed = station !== null && !unconfirmed.includes(MRZ_SOURCE[field]);
    const agreement = compareField(field, station, progeny);
    return { field, station, progeny, agreement: agreement === 'same' && !confirmed ? 'unconfirmed' : agreement, confirmed };
  });
}

/**
 * The on-device MRZ read kept with the record. A card has its MRZ on the back, a passport on the
 * photo page: take the slot that read one, preferring a read whose check digits all matched.
 */
export function stationMrzRead(prechecks: unknown): StationMrzRead | null {
  const record = readPrecheckRecord(prechecks);
  if (!record) return null;
  const reads: StationMrzRead[] = [];
  for (const slot of Object.values(record.slots)) {
    const mrz = slot?.mrz;
    if (mrz?.fields && typeof mrz.fields === 'object') reads.push({ valid: mrz.valid === true, fields: mrz.fields, unconfirmed: unconfirmedOf(mrz) });
  }
  return reads.find((read) => read.valid) ?? reads[0] ?? null;
}
