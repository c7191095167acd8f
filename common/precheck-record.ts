/**
 * What the station keeps of the pre-check with each verification (sealed in the record): enough to
 * show the report card again, the on-device MRZ read beside Progeny's OCR, and what was overridden.
 * Written by the New verification screen, read by the result screen and the evidence report.
 */
import type { ImageRole, Verdict } from './analysis/check';
import { MRZ_FIELD_NAMES } from './analysis/mrz';
import type { MrzFields } from './analysis/mrz-types';
import type { PrecheckResult } from './analysis/precheck';

export interface SlotRecord {
  role: ImageRole;
  verdict: Verdict;
  blocked: boolean;
  checks: Array<{ id: string; value: number | string | boolean | null; threshold: string; verdict: Verdict }>;
  /** The on-device MRZ read, when the image had one. */
  mrz: MrzRecord | null;
  /** The operator replaced the original with the auto-fixed image. */
  autoFixed: boolean;
}

export interface MrzRecord {
  valid: boolean;
  fields: MrzFields | null;
  /**
   * Fields no valid check digit vouches for (MrzRead.unconfirmed). Records written before it was
   * kept lack it: read it through `unconfirmedOf`, never directly.
   */
  unconfirmed?: Array<keyof MrzFields>;
}

/** Fields that carry no check digit in any ICAO 9303 layout (a TD1 card's optional data has none either). */
export const NEVER_CONFIRMED: ReadonlyArray<keyof MrzFields> = ['documentCode', 'issuingState', 'lastName', 'firstName', 'nationality', 'sex', 'personalNumber'];

/**
 * The unconfirmed fields of a stored read. An older record does not say which: if every check
 * digit matched, only the fields without one are unconfirmed; otherwise the failing digit is not
 * known, so nothing is taken as confirmed.
 */
export function unconfirmedOf(mrz: MrzRecord): Array<keyof MrzFields> {
  if (Array.isArray(mrz.unconfirmed)) return MRZ_FIELD_NAMES.filter((name) => mrz.unconfirmed!.includes(name));
  return mrz.valid === true ? [...NEVER_CONFIRMED] : [...MRZ_FIELD_NAMES];
}

export interface PrecheckRecord {
  /** By Progeny's file field name (selfie_image, passport_image…). */
  slots: Record<string, SlotRecord>;
  /** Ids of the failing checks the operator accepted (the reason is in the record and the audit log). */
  overridden: string[];
}

export function toSlotRecord(report: PrecheckResult, autoFixed: boolean): SlotRecord {
  return {
    role: report.role,
    verdict: report.verdict,
    blocked: report.blocked,
    checks: report.checks.map(({ id, value, threshold, verdict }) => ({ id, value, threshold, verdict })),
    mrz: report.mrz ? { valid: report.mrz.valid, fields: report.mrz.fields, unconfirmed: unconfirmedOf(report.mrz) } : null,
    autoFixed,
  };
}

/** Reads a stored record defensively: records written by older versions, or damaged, give null. */
export function readPrecheckRecord(value: unknown): PrecheckRecord | null {
  if (typeof value !== 'object' || value === null || !('slots' in value)) return null;
  const record = value as Partial<PrecheckRecord>;
  if (typeof record.slots !== 'object' || record.slots === null) return null;
  return { slots: record.slots, overridden: Array.isArray(record.overridden) ? record.overridden : [] };
}
