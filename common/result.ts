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
  /** The disk holding the station data is full: nothing was written. */
  | 'storage-full'
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
