/**
 * Expected failures travel as values; thrown errors are reserved for bugs. Electron keeps only the
 * `message` of an error thrown across IPC, so anything the UI must act on has to be a value.
 */
export type ErrorCode =
  | 'invalid-request'
  | 'unknown-operation'
  | 'forbidden-sender'
  | 'bridge-unavailable'
  /** The web page's session with the station ended (expired, or the station restarted): it needs a new launch link. */
  | 'session-ended'
  | 'message-too-large'
  | 'store-locked'
  | 'not-found'
  /** The passphrase did not open the data key. */
  | 'unlock-refused'
  /** Sign-in asked to remember credentials where they cannot be kept encrypted. */
  | 'credentials-not-stored'
  /** A submitted image or field fails what Progeny (or the pre-check's hard rules) require. */
  | 'input-rejected'
  /** The operator lock is on: release it first. */
  | 'station-locked'
  /** Wrong operator PIN, or too many attempts (details.retryAfterMs). */
  | 'pin-refused'
  /** Sign-in refused: wrong name or secret, a wait (details.retryAfterMs), a disabled account. */
  | 'sign-in-refused'
  /** The signed-in account's role may not do this (e.g. manage operators without being an administrator). */
  | 'not-allowed'
  /** Four-eyes: this action needs a supervisor's or administrator's name and secret (details.action). */
  | 'approval-required'
  /** The approver's name or secret was refused, or they may not approve (details.retryAfterMs). */
  | 'approval-refused'
  /** The disk holding the station data is full: nothing was written. */
  | 'storage-full'
  /** A face service without the customer's "agreed" to the consent text in force (or with "declined"). */
  | 'consent-required'
  /** The organisation's managed policy forbids this (a setting it fixes, a workflow it does not offer). */
  | 'policy-refused'
  | 'internal';

export interface StationError {
  code: ErrorCode;
  message: string;
  /** Optional machine-readable context, e.g. which field failed validation. */
  details?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: StationError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: ErrorCode, message: string, details?: Record<string, string>): Result<T> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});
