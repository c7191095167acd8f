/**
 * What each problem code in a result means for the operator: its cause, which decides the advice.
 * The advice is by cause, not by code, so two codes with the same cause get the same advice
 * (an expired document is never told to "resubmit"). The words for each cause and each code are
 * translated in the renderer (renderer/i18n/areas/results.ts: `advice`, `issue.message`); the
 * evidence report prints the English ones. Codes are Progeny's (v3 examples and the v2 liveness
 * table) and the training sandbox's own (main/sandbox): see docs/progeny-api.md §5.
 */
export const CAUSES = [
  'new-selfie',
  'new-document-picture',
  'not-live',
  'face-mismatch',
  'document-expired',
  'document-invalid',
  'register-face',
  'watchlist',
  'retry',
  'compare-fields',
  'review',
] as const;
/** Why a check failed, as far as the operator's next step is concerned. */
export type Cause = (typeof CAUSES)[number];

/** Where the problem lies in a picture: the selfie's or the document's, decided by the check that reported it. */
const PICTURE = 'picture';

/** Every known code: its cause, and the key of its translated message (`results.issue.message.<key>`). */
export const ISSUE_CODES = {
  FACE_NOT_FOUND: { cause: 'new-selfie', key: 'FACE_NOT_FOUND' },
  FACE_TOO_SMALL: { cause: 'new-selfie', key: 'FACE_TOO_SMALL' },
  FACE_TOO_CLOSE: { cause: 'new-selfie', key: 'FACE_TOO_CLOSE' },
  FACE_ANGLE_TOO_LARGE: { cause: 'new-selfie', key: 'FACE_ANGLE_TOO_LARGE' },
  FAILED_TO_READ_IMAGE: { cause: PICTURE, key: 'FAILED_TO_READ_IMAGE' },
  UNKNOWN_UUID: { cause: 'register-face', key: 'UNKNOWN_UUID' },
  'Bad POST': { cause: 'retry', key: 'badPost' },
  'Bad params': { cause: 'retry', key: 'badParams' },
  'Bad face': { cause: 'new-selfie', key: 'badFace' },
  // The training sandbox's own codes (main/sandbox/selfie-analysis.ts, document-analysis.ts, sandbox-results.ts).
  FACE_EYES_COVERED: { cause: 'new-selfie', key: 'FACE_EYES_COVERED' },
  FACE_EYES_CLOSED: { cause: 'new-selfie', key: 'FACE_EYES_CLOSED' },
  FACE_LOWER_COVERED: { cause: 'new-selfie', key: 'FACE_LOWER_COVERED' },
  FACE_REGISTRATION_OUTDATED: { cause: 'register-face', key: 'FACE_REGISTRATION_OUTDATED' },
  LIVENESS_FAILED: { cause: 'not-live', key: 'LIVENESS_FAILED' },
  FACES_DO_NOT_MATCH: { cause: 'face-mismatch', key: 'FACES_DO_NOT_MATCH' },
  DOCUMENT_NOT_FOUND: { cause: 'new-document-picture', key: 'DOCUMENT_NOT_FOUND' },
  MRZ_NOT_FOUND: { cause: 'new-document-picture', key: 'MRZ_NOT_FOUND' },
  MRZ_INVALID: { cause: 'document-invalid', key: 'MRZ_INVALID' },
  DOCUMENT_EXPIRED: { cause: 'document-expired', key: 'DOCUMENT_EXPIRED' },
  PORTRAIT_NOT_FOUND: { cause: 'new-document-picture', key: 'PORTRAIT_NOT_FOUND' },
} as const satisfies Record<string, { cause: Cause | typeof PICTURE; key: string }>;

export type KnownIssueCode = keyof typeof ISSUE_CODES;
export type IssueMessageKey = (typeof ISSUE_CODES)[KnownIssueCode]['key'];

export const isKnownIssueCode = (code: string): code is KnownIssueCode => Object.hasOwn(ISSUE_CODES, code);

/**
 * The cause of `code` reported under `check`. An unreadable file is the selfie's or the document's
 * depending on the check; a code this station does not know gets a retry and, if it persists, the
 * administrator (the same as a service error: nothing better can be said without knowing it).
 */
export function issueCause(check: string, code: string): Cause {
  if (!isKnownIssueCode(code)) return 'retry';
  const cause = ISSUE_CODES[code].cause;
  if (cause !== PICTURE) return cause;
  return check === 'document' ? 'new-document-picture' : 'new-selfie';
}
