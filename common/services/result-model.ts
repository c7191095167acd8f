/**
 * Turns Progeny's task results into one model the UI, the queue and the history can rely on. Every
 * documented shape and quirk is handled (see ../shared/progeny-api.md §4–5); anything else is kept
 * raw and marked, never a crash.
 */
import type { ResultCheck, ServiceId } from './catalog';
import { SERVICES } from './catalog';

export interface Issue {
  check: string;
  code: string;
  message: string;
  /** What the operator should do about it. */
  guidance: string;
}

export interface DocumentFields {
  firstName: string | null;
  lastName: string | null;
  documentNumber: string | null;
  nationality: string | null;
  sex: string | null;
  /** ISO 8601 dates, null when Progeny could not read them ("None-None-None"). */
  dateOfBirth: string | null;
  dateOfIssue: string | null;
  dateOfExpiry: string | null;
  age: number | null;
}

export interface NormalisedResult {
  service: ServiceId;
  /** Celery task state as reported. */
  taskState: string;
  /** The verification's own status code inside the result (200, 400…), when present. */
  resultStatus: number | null;
  verdict: 'verified' | 'not-verified' | 'needs-review';
  /** Per-check pass/fail; null when the result does not say. */
  checks: Partial<Record<ResultCheck, boolean | null>>;
  liveness: { passed: boolean | null; score: number | null; quality: number | null; probability: number | null } | null;
  authentication: { passed: boolean | null; matchScore: number | null; scorePercent: number | null } | null;
  registration: { uuid: string } | null;
  document: { valid: boolean | null; expired: boolean | null; fields: DocumentFields; portraitUrl: string | null } | null;
  compare: boolean | null;
  backgroundCheck: { potentialMatch: boolean | null; riskLevel: string | null; totalMatches: number | null; hits: unknown[] } | null;
  issues: Issue[];
  /** True when the payload had a shape this model does not know: show `raw` to the operator. */
  unrecognised: boolean;
  raw: unknown;
}

/** Operator guidance for every code Progeny is known to return (v2 table and v3 examples). */
export const ISSUE_GUIDANCE: Readonly<Record<string, string>> = {
  FACE_NOT_FOUND: 'No face was found: retake the selfie with the whole face in view, facing the camera, in good light.',
  FACE_TOO_SMALL: 'The face is too small (Progeny needs at least 224 px): move the camera closer or use a higher-resolution photo.',
  FACE_TOO_CLOSE: 'The face is too close to the camera: move the camera further away.',
  FACE_ANGLE_TOO_LARGE: 'The head is turned or tilted too far: keep pitch and yaw within ±25°, looking straight at the camera.',
  FAILED_TO_READ_IMAGE: 'Progeny could not read the image: use a JPEG or PNG photo and add it again.',
  UNKNOWN_UUID: 'No face is registered under this id: check the id, or register the customer\'s face first.',
  'Bad POST': 'The request was missing an image or was malformed: add the image again and resubmit.',
  'Bad params': 'A required input (image or registered id) was missing or invalid: check the form and resubmit.',
  'Bad face': 'No usable face, a partial face, or a liveness result too low: retake the selfie.',
};
const DEFAULT_GUIDANCE = 'Check the images against the pre-check report and resubmit; if this persists, contact your Progeny administrator.';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' && value !== 'None' ? value : null);

/** Numbers that Progeny sometimes sends as strings ("20.0"). */
export function numeric(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** Progeny's unpadded `Y-M-D` ("1991-9-24") to ISO 8601; "None-None-None" and nonsense to null. */
export function progenyDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function collectIssues(data: Json): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const add = (check: string, code: string, message: string) => {
    const key = `${check}:${code}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push({ check, code, message, guidance: ISSUE_GUIDANCE[code] ?? DEFAULT_GUIDANCE });
  };
  if (isObject(data.issues)) {
    for (const [check, codes] of Object.entries(data.issues)) {
      if (isObject(codes)) for (const [code, message] of Object.entries(codes)) add(check, code, typeof message === 'string' ? message : code);
    }
  }
  // error_code sits either on the check object or inside its `data` (both documented).
  for (const [check, block] of Object.entries(data)) {
    if (!isObject(block) || check === 'issues') continue;
    for (const holder of [block, isObject(block.data) ? block.data : null]) {
      const code = holder && str(holder.error_code);
      if (code) add(check, code, str(holder.error) ?? code);
    }
  }
  return issues;
}

function readDocument(value: unknown): NormalisedResult['document'] {
  if (!isObject(value)) return null;
  return {
    valid: bool(value.is_valid),
    expired: bool(value.is_expired),
    portraitUrl: str(value.portrait_url),
    fields: {
      firstName: str(value.firstName),
      lastName: str(value.lastName),
      documentNumber: str(value.documentNumber),
      nationality: str(value.nationality),
      sex: str(value.sex),
      dateOfBirth: progenyDate(value.dateOfBirth),
      dateOfIssue: progenyDate(value.dateOfIssue),
      dateOfExpiry: progenyDate(value.dateOfExpiry),
      age: numeric(value.age),
    },
  };
}

/** Normalises a task envelope (`{id, status, result: {status, data}}`) for `service`. */
export function normaliseTaskResult(service: ServiceId, envelope: unknown): NormalisedResult {
  const base: NormalisedResult = {
    service,
    taskState: isObject(envelope) && typeof envelope.status === 'string' ? envelope.status : 'UNKNOWN',
    resultStatus: null,
    verdict: 'needs-review',
    checks: {},
    liveness: null,
    authentication: null,
    registration: null,
    document: null,
    compare: null,
    backgroundCheck: null,
    issues: [],
    unrecognised: false,
    raw: envelope,
  };
  const result = isObject(envelope) ? envelope.result : undefined;
  // background_check's page shows the bare payload; accept it bare or inside the envelope.
  const data = isObject(result) && isObject(result.data) ? result.data : isObject(envelope) && isObject(envelope.background_check) ? envelope : null;
  if (isObject(result)) base.resultStatus = numeric(result.status);
  // A bare payload is itself a finished result.
  if (data === envelope) base.taskState = 'SUCCESS';
  if (!data) return { ...base, unrecognised: base.taskState === 'SUCCESS' };

  if (isObject(data.liveness)) {
    const scores = isObject(data.liveness.data) ? data.liveness.data : {};
    base.liveness = { passed: bool(data.liveness.result), score: numeric(scores.score), quality: numeric(scores.quality), probability: numeric(scores.probability) };
  } else if (typeof data.liveness === 'boolean') {
    base.liveness = { passed: data.liveness, score: null, quality: null, probability: null };
  }
  if (isObject(data.authentication)) {
    const scores = isObject(data.authentication.data) ? data.authentication.data : {};
    base.authentication = { passed: bool(data.authentication.result), matchScore: numeric(scores.matchScore), scorePercent: numeric(scores.scorePercent) };
  }
  if (typeof data.uuid === 'string') base.registration = { uuid: data.uuid };
  base.document = readDocument(data.document);
  base.compare = bool(data.compare);
  if (isObject(data.background_check)) {
    const b = data.background_check;
    base.backgroundCheck = { potentialMatch: bool(b.potential_match), riskLevel: str(b.risk_level), totalMatches: numeric(b.total_matches), hits: Array.isArray(b.hits) ? b.hits : [] };
  }
  base.issues = collectIssues(data);

  const outcome: Record<ResultCheck, boolean | null> = {
    liveness: base.liveness?.passed ?? null,
    registration: base.registration ? true : base.liveness?.passed === false || base.issues.length > 0 ? false : null,
    authentication: base.authentication?.passed ?? (base.issues.some((i) => i.check === 'authentication') ? false : null),
    document: base.document ? (base.document.valid === true && base.document.expired !== true ? true : base.document.valid === null ? null : false) : null,
    compare: base.compare,
    background_check: base.backgroundCheck?.potentialMatch === null || !base.backgroundCheck ? null : !base.backgroundCheck.potentialMatch,
  };
  for (const check of SERVICES[service].checks) base.checks[check] = outcome[check];
  const values = Object.values(base.checks);
  base.unrecognised = values.length > 0 && values.every((v) => v === null) && base.issues.length === 0;
  base.verdict =
    base.taskState !== 'SUCCESS' ? 'needs-review' : values.some((v) => v === false) || base.issues.length > 0 ? 'not-verified' : values.length > 0 && values.every((v) => v === true) ? 'verified' : 'needs-review';
  return base;
}

/** A DRF 400 body (`{"field": ["message", …]}`) as field → messages; null when it is not one. */
export function fieldErrors(body: unknown): Record<string, string[]> | null {
  if (!isObject(body)) return null;
  const errors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(body)) {
    if (Array.isArray(messages) && messages.every((m) => typeof m === 'string')) errors[field] = messages;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
