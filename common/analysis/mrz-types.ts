import type { MrzBand } from './mrz-locate';
import type { RawImage, Rect } from './pixels';

/** ICAO 9303 machine-readable zone layouts: TD1 cards (3x30), TD2 (2x36), TD3 passports (2x44). */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

export interface MrzFields {
  documentCode: string | null;
  issuingState: string | null;
  lastName: string | null;
  firstName: string | null;
  documentNumber: string | null;
  nationality: string | null;
  /** ISO 8601 date (YYYY-MM-DD), or null when unreadable. */
  birthDate: string | null;
  sex: 'M' | 'F' | 'X' | null;
  /** ISO 8601 date (YYYY-MM-DD), or null when unreadable. */
  expiryDate: string | null;
  personalNumber: string | null;
}

export interface MrzRead {
  /** null when no MRZ could be found in the region. */
  format: MrzFormat | null;
  /** What the OCR returned, line by line. */
  rawLines: string[];
  /** The MRZ after character repair. */
  lines: string[];
  /** Every check digit matched (and the lines had the right shape). */
  valid: boolean;
  checkDigits: Array<{ field: string; valid: boolean }>;
  fields: MrzFields | null;
  /** Whether the expiry date is before `today`; null when it could not be read. */
  expired: boolean | null;
  /** How many characters the repair changed. */
  repairedCharacters: number;
  /**
   * Fields no valid check digit vouches for: names, sex, codes and nationality never have one, and
   * a number or date whose check digit fails is unconfirmed too. A reader must not treat an
   * unconfirmed value as verified (an OCR slip there is invisible). Absent means none is confirmed.
   */
  unconfirmed?: Array<keyof MrzFields>;
}

export interface MrzReader {
  /**
   * Reads the MRZ of an image (EXIF already applied; the page may still lie sideways or upside
   * down). `region` narrows the search (null: the whole image); `expected` is the format the role
   * suggests, a tie-breaker only: the lines found decide. `band` skips the search when the caller
   * has already located the MRZ (null: none was found, read `region` as it is).
   */
  read(image: RawImage, region: Rect | null, expected?: MrzFormat | null, band?: MrzBand | null): Promise<MrzRead>;
}
