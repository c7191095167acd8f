/**
 * Validation of a service POST the way a DRF serializer does it, with DRF's messages, keyed by
 * field in the order of the docs' 400 examples (files, then text fields, then extend_data), from the
 * sandbox's own reading of the docs (progeny-api-spec.ts).
 *
 * - File fields are FileFields: missing → "No file was submitted."; a text value, or any body that is
 *   not multipart (JSON, urlencoded) → "The submitted data was not a file. Check the encoding type on
 *   the form." (sandbox choice: real DRF says "No file was submitted." when a JSON body lacks the key;
 *   the sandbox names the real mistake, the encoding); an empty file → "The submitted file is empty."
 * - `extend_data` follows each page's declared type: a CharField where the docs say "String"
 *   (required where the docs' 400 examples say so; "true"/"1"/"yes"/"on" mean true), a BooleanField
 *   where they say "Boolean" (DRF's accepted spellings, else "Must be a valid boolean."; a form that
 *   leaves it out means false, as DRF reads HTML forms).
 * - uuid: UUIDField; fullname: CharField; birth_date: DateField with the format YYYY-MM-DD.
 */
import { SERVICE_SPECS, type SandboxService } from './progeny-api-spec';
import type { ParsedBody } from './request-body';

export interface ServiceInputs {
  /** File bytes by multipart field name. */
  files: Record<string, Buffer>;
  /** Validated text fields by name (uuid lower-cased, birth_date as YYYY-MM-DD). */
  fields: Record<string, string>;
  extendData: boolean;
}

export type Validation = { ok: true; inputs: ServiceInputs } | { ok: false; errors: Record<string, string[]> };

const REQUIRED = 'This field is required.';
const NO_FILE = 'No file was submitted.';
const NOT_A_FILE = 'The submitted data was not a file. Check the encoding type on the form.';
const EMPTY_FILE = 'The submitted file is empty.';
const BLANK = 'This field may not be blank.';
const NOT_A_STRING = 'Not a valid string.';
const BAD_UUID = 'Must be a valid UUID.';
const NOT_A_BOOLEAN = 'Must be a valid boolean.';
const BAD_DATE = 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.';

/** DRF BooleanField's TRUE_VALUES and FALSE_VALUES (as text: a multipart form carries text only). */
const TRUE_VALUES = new Set(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1']);
const FALSE_VALUES = new Set(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0']);

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** A real calendar date in YYYY-MM-DD (DRF's DateField also refuses 2021-02-30). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** DRF CharField input handling: strings as given, numbers converted, anything else refused. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

const canonicalUuid = (value: string) => {
  const hex = value.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export function validateServiceRequest(service: SandboxService, body: ParsedBody): Validation {
  const spec = SERVICE_SPECS[service];
  const errors: Record<string, string[]> = {};
  const files: Record<string, Buffer> = {};
  const fields: Record<string, string> = {};

  for (const name of spec.files) {
    if (body.kind !== 'multipart') {
      errors[name] = [NOT_A_FILE];
      continue;
    }
    const file = body.files.get(name);
    if (file) {
      if (file.bytes.length === 0) errors[name] = [EMPTY_FILE];
      else files[name] = file.bytes;
    } else errors[name] = [body.fields.has(name) ? NOT_A_FILE : NO_FILE];
  }

  const raw = (name: string): unknown => (body.kind === 'multipart' ? body.fields.get(name) : body.values[name]);
  for (const { name, kind } of spec.text) {
    const given = raw(name);
    if (given === undefined || given === null) {
      errors[name] = [REQUIRED];
      continue;
    }
    const value = text(given);
    if (value === null) errors[name] = [kind === 'uuid' ? BAD_UUID : kind === 'date' ? BAD_DATE : NOT_A_STRING];
    else if (kind === 'uuid') {
      if (UUID.test(value)) fields[name] = canonicalUuid(value);
      else errors[name] = [BAD_UUID];
    } else if (kind === 'date') {
      if (isIsoDate(value)) fields[name] = value;
      else errors[name] = [BAD_DATE];
    } else if (value === '') errors[name] = [BLANK];
    else fields[name] = value;
  }

  let extendData = false;
  if (spec.extendData) {
    const given = raw('extend_data');
    const value = given === undefined || given === null ? null : typeof given === 'boolean' ? String(given) : text(given);
    if (given === undefined || given === null) {
      if (spec.extendData.required) errors.extend_data = [REQUIRED];
    } else if (spec.extendData.type === 'boolean') {
      if (value !== null && TRUE_VALUES.has(value)) extendData = true;
      else if (value === null || !FALSE_VALUES.has(value)) errors.extend_data = [NOT_A_BOOLEAN];
    } else if (value === null) errors.extend_data = [NOT_A_STRING];
    else if (value === '') errors.extend_data = [BLANK];
    else extendData = ['true', '1', 'yes', 'on'].includes(value.toLowerCase());
  }

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, inputs: { files, fields, extendData } };
}
