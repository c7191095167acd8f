/**
 * Turns Progeny's task results into one model the UI, the queue and the history can rely on. Every
 * documented shape and the plausible variants are read (docs/progeny-api.md §3–5: booleans as text
 * or 0/1, checks as booleans or `{result}` objects, ids as numbers or text, task states in any
 * case); whatever cannot be read is named in `reviewReasons` and the verdict is "needs review",
 * never a guess. The raw response is kept for support, never a crash.
 */
import type { ResultCheck, ServiceId } from './catalog';
import { readTaskState, SERVICES } from './catalog';
import type { DocumentFields, VerificationResult } from '../contract';
import { REQUIREMENTS } from '../analysis/requirements';

export type { DocumentFields };
/** The shapes are declared once, as the contract's schemas (common/contract.ts ResultSchema); the model adds only `raw`. */
type ContractResult = VerificationResult;
export type Issue = ContractResult['issues'][number];

/** A normalised result: what the UI receives (ResultSchema), plus Progeny's answer as received (`raw`), kept for support. */
export type NormalisedResult = ContractResult & { raw: unknown };

/**
 * Why a result needs a person's review:
 * - task-failed / task-revoked: Celery's FAILURE or REVOKED; task-unfinished: a running state
 *   (PENDING…) where a result was expected; task-state-unfamiliar: a state this station does not
 *   know; task-state-missing: no state at all.
 * - result-missing: no `result.data` (nor a bare payload) to read.
 * - check-missing: a check the service reports (`path`) is not in the result.
 * - value-unreadable: the value at `path` is neither of the accepted forms (`value` shows it).
 * - status-contradiction: `result.status` says the verification failed (4xx/5xx) yet every check passed.
 */
export const REVIEW_REASON_CODES = [
  'task-failed',
  'task-revoked',
  'task-unfinished',
  'task-state-unfamiliar',
  'task-state-missing',
  'result-missing',
  'check-missing',
  'value-unreadable',
  'status-contradiction',
] as const;
export type ReviewReasonCode = (typeof REVIEW_REASON_CODES)[number];
export type ReviewReason = NonNullable<ContractResult['reviewReasons']>[number];
/** Reasons about the payload's shape (as opposed to the task's state): they make a result "unrecognised". */
const SHAPE_REASONS: ReadonlySet<ReviewReasonCode> = new Set(['task-state-unfamiliar', 'task-state-missing', 'result-missing', 'check-missing', 'value-unreadable']);

/** Progeny's selfie limits, declared once with their sources (common/analysis/requirements.ts). */
const SELFIE = REQUIREMENTS.selfie;

/** Operator guidance for every code Progeny is known to return (v2 table and v3 examples). */
export const ISSUE_GUIDANCE: Readonly<Record<string, string>> = {
  FACE_NOT_FOUND: 'No face was found: retake the selfie with the whole face in view, facing the camera, in good light.',
  FACE_TOO_SMALL: `The face is too small (Progeny needs at least ${SELFIE.minFaceSide.value} ${SELFIE.minFaceSide.unit}): move the camera closer or use a higher-resolution photo.`,
  FACE_TOO_CLOSE: 'The face is too close to the camera: move the camera further away.',
  FACE_ANGLE_TOO_LARGE: `The head is turned or tilted too far: keep pitch and yaw within ±${SELFIE.maxYaw.value}°, looking straight at the camera.`,
  FAILED_TO_READ_IMAGE: 'Progeny could not read the image: use a JPEG or PNG photo and add it again.',
  UNKNOWN_UUID: "No face is registered under this id: check the id, or register the customer's face first.",
  'Bad POST': 'The request was missing an image or was malformed: add the image again and resubmit.',
  'Bad params': 'A required input (image or registered id) was missing or invalid: check the form and resubmit.',
  'Bad face': 'No usable face, a partial face, or a liveness result too low: retake the selfie.',
};
const DEFAULT_GUIDANCE = 'Check the images against the pre-check report and resubmit; if this persists, contact your Progeny administrator.';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A boolean as received: absent, read (from true/false, "true"/"True"/"1"/"0"/"yes"/"no", 1/0), or there but unreadable. */
export type BooleanReading = { kind: 'absent' } | { kind: 'read'; value: boolean } | { kind: 'unreadable'; value: unknown };
const TRUE_TEXT = new Set(['true', '1', 'yes']);
const FALSE_TEXT = new Set(['false', '0', 'no']);
export function readBoolean(value: unknown): BooleanReading {
  if (value === undefined || value === null) return { kind: 'absent' };
  if (typeof value === 'boolean') return { kind: 'read', value };
  if (value === 1 || value === 0) return { kind: 'read', value: value === 1 };
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (TRUE_TEXT.has(text)) return { kind: 'read', value: true };
    if (FALSE_TEXT.has(text)) return { kind: 'read', value: false };
  }
  return { kind: 'unreadable', value };
}
const bool = (value: unknown): boolean | null => {
  const reading = readBoolean(value);
  return reading.kind === 'read' ? reading.value : null;
};
/** An id Progeny may send as a number (2158) or as text. */
const idText = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : null);
/** A received value in at most 80 characters, for a review reason. */
const shown = (value: unknown): string | null => {
  if (value === undefined) return null;
  // Values come from parsed JSON, so they stringify; anything else is named by its type.
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = typeof value;
  }
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};
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
      else if (Array.isArray(codes)) for (const code of codes) if (typeof code === 'string' && code !== '') add(check, code, code);
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

/** Keys a result's `data` can hold: how a payload sent without its envelope, or without `data`, is recognised. */
const DATA_KEYS = ['liveness', 'authentication', 'uuid', 'document', 'compare', 'background_check', 'issues'] as const;
const looksLikeData = (value: unknown): value is Json => isObject(value) && DATA_KEYS.some((key) => key in value);

/** `result` as sent: an object, or the same as JSON text (a task backend that stores results as strings). */
function resultObject(value: unknown): Json | null {
  if (isObject(value)) return value;
  if (typeof value !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** A check sent as a boolean, or as an object carrying it under `result` (the documented shape of `authentication` and `liveness`). */
function checkValue(value: unknown): BooleanReading {
  return isObject(value) ? readBoolean(value.result) : readBoolean(value);
}
const passed = (reading: BooleanReading): boolean | null => (reading.kind === 'read' ? reading.value : null);

/**
 * Normalises a task envelope (`{id, status, result: {status, data}}`) for `service`. Each check the
 * service reports is read from its documented place in any accepted form; a check the result does
 * not mention stays out of `checks`, and every gap is a review reason.
 */
export function normaliseTaskResult(service: ServiceId, envelope: unknown): NormalisedResult {
  const reasons: ReviewReason[] = [];
  const review = (code: ReviewReasonCode, path: string | null = null, value: unknown = undefined) => reasons.push({ code, path, value: shown(value) });
  const base: NormalisedResult = {
    service,
    taskState: 'UNKNOWN',
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
    reviewReasons: reasons,
    recordId: isObject(envelope) ? idText(envelope.id) : null,
    compareScores: null,
    raw: envelope,
  };

  const result = isObject(envelope) ? resultObject(envelope.result) : null;
  // A bare payload (background_check's page shows one) is itself a finished result.
  const bare = isObject(envelope) && envelope.status === undefined && envelope.result === undefined && looksLikeData(envelope);
  const data = bare ? envelope : result && isObject(result.data) ? result.data : looksLikeData(result) ? result : null;
  if (result) base.resultStatus = numeric(result.status);

  const state = bare ? ({ kind: 'final', state: 'SUCCESS' } as const) : readTaskState(isObject(envelope) ? envelope.status : undefined);
  if (state.kind === 'missing') review('task-state-missing', 'status');
  else {
    base.taskState = state.state;
    if (state.kind === 'unfamiliar') review('task-state-unfamiliar', 'status', state.state);
    else if (state.kind === 'running') review('task-unfinished', 'status', state.state);
    else if (state.state === 'FAILURE') review('task-failed', 'status');
    else if (state.state === 'REVOKED') review('task-revoked', 'status');
  }
  if (!data) {
    review('result-missing');
    return finish(base, reasons);
  }

  base.issues = collectIssues(data);
  const issuesUnreadable = data.issues !== undefined && data.issues !== null && !isObject(data.issues) && !(Array.isArray(data.issues) && data.issues.length === 0);
  if (issuesUnreadable) review('value-unreadable', 'issues', data.issues);
  const reported = (check: string) => base.issues.some((issue) => issue.check === check);

  /** A check's outcome, with a review reason for an unreadable value (a missing one is judged per check below). */
  const outcome = (path: string, reading: BooleanReading): boolean | null | undefined => {
    if (reading.kind === 'read') return reading.value;
    if (reading.kind === 'unreadable') {
      review('value-unreadable', path, reading.value);
      return null;
    }
    return undefined;
  };

  if (data.liveness !== undefined && data.liveness !== null) {
    const scores = isObject(data.liveness) && isObject(data.liveness.data) ? data.liveness.data : {};
    base.liveness = { passed: passed(checkValue(data.liveness)), score: numeric(scores.score), quality: numeric(scores.quality), probability: numeric(scores.probability) };
  }
  if (data.authentication !== undefined && data.authentication !== null) {
    const scores = isObject(data.authentication) && isObject(data.authentication.data) ? data.authentication.data : {};
    base.authentication = { passed: passed(checkValue(data.authentication)), matchScore: numeric(scores.matchScore), scorePercent: numeric(scores.scorePercent) };
  }
  const uuid = idText(data.uuid);
  if (uuid) base.registration = { uuid };
  base.document = readDocument(data.document);
  base.compare = passed(checkValue(data.compare));
  if (isObject(data.compare)) {
    const scores = isObject(data.compare.data) ? data.compare.data : data.compare;
    base.compareScores = { matchScore: numeric(scores.matchScore ?? scores.score), scorePercent: numeric(scores.scorePercent) };
  }
  if (isObject(data.background_check)) {
    const b = data.background_check;
    base.backgroundCheck = { potentialMatch: bool(b.potential_match), riskLevel: str(b.risk_level), totalMatches: numeric(b.total_matches), hits: Array.isArray(b.hits) ? b.hits : [] };
  }

  /**
   * liveness, authentication, compare: a boolean, or an object with `result`. Absent, an issue
   * reported for the check means it failed; an object without `result` and without such an issue is
   * there but says nothing (null, with a reason).
   */
  const flagCheck = (check: 'liveness' | 'authentication' | 'compare'): boolean | null | undefined => {
    const value = data[check];
    const read = outcome(isObject(value) ? `${check}.result` : check, checkValue(value));
    if (read !== undefined) return read;
    if (reported(check)) return false;
    if (isObject(value)) {
      review('check-missing', `${check}.result`);
      return null;
    }
    return undefined;
  };
  const readers: Record<ResultCheck, () => boolean | null | undefined> = {
    liveness: () => flagCheck('liveness'),
    authentication: () => flagCheck('authentication'),
    compare: () => flagCheck('compare'),
    // Registration succeeded when a uuid came back; it failed when the face did not pass or an issue says why.
    registration: () => {
      if (uuid) return true;
      if (data.uuid !== undefined && data.uuid !== null) return outcome('uuid', { kind: 'unreadable', value: data.uuid });
      return base.liveness?.passed === false || base.issues.length > 0 ? false : undefined;
    },
    document: () => {
      if (data.document === undefined || data.document === null) return reported('document') ? false : undefined;
      if (!isObject(data.document)) return outcome('document', { kind: 'unreadable', value: data.document });
      const valid = outcome('document.is_valid', readBoolean(data.document.is_valid));
      const expired = outcome('document.is_expired', readBoolean(data.document.is_expired));
      if (valid === false || expired === true) return false;
      if (valid === undefined) {
        review('check-missing', 'document.is_valid');
        return null;
      }
      // An is_expired that was sent but cannot be read leaves the document undecided; an absent one leaves is_valid to decide.
      return valid === true && expired !== null ? true : null;
    },
    background_check: () => {
      if (data.background_check === undefined || data.background_check === null) return reported('background_check') ? false : undefined;
      if (!isObject(data.background_check)) return outcome('background_check', { kind: 'unreadable', value: data.background_check });
      const match = outcome('background_check.potential_match', readBoolean(data.background_check.potential_match));
      if (match === undefined) {
        review('check-missing', 'background_check.potential_match');
        return null;
      }
      return match === null ? null : !match;
    },
  };
  for (const check of SERVICES[service].checks) {
    const value = readers[check]();
    if (value === undefined) review('check-missing', check);
    else base.checks[check] = value;
  }
  return finish(base, reasons);
}

/** The verdict: only a finished task whose every check passed is verified; a clear failure is not verified; anything else needs review, with its reasons. */
function finish(base: NormalisedResult, reasons: ReviewReason[]): NormalisedResult {
  const values = Object.values(base.checks);
  const finished = base.taskState === 'SUCCESS' && !reasons.some((r) => r.code.startsWith('task-'));
  const failed = values.some((v) => v === false) || base.issues.length > 0;
  if (finished && !failed && reasons.length === 0 && base.resultStatus !== null && base.resultStatus >= 400)
    reasons.push({ code: 'status-contradiction', path: 'result.status', value: String(base.resultStatus) });
  base.verdict = finished && failed ? 'not-verified' : finished && reasons.length === 0 && values.length > 0 && values.every((v) => v === true) ? 'verified' : 'needs-review';
  // A verdict of "needs review" always says why.
  if (base.verdict === 'needs-review' && reasons.length === 0) reasons.push({ code: 'result-missing', path: null, value: null });
  base.unrecognised = base.verdict === 'needs-review' && reasons.some((r) => SHAPE_REASONS.has(r.code));
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
