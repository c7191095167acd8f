import type { FailureKind } from '../../../common/vocabulary';

/**
 * Every way a Progeny call can fail, with what the station should do about it. The crucial fact
 * for a POST is `sent`: a second POST creates (and bills) a second task, so only a request that
 * certainly did not reach the server may be repeated automatically.
 */
export type { FailureKind } from '../../../common/vocabulary';

/** automatic: the station retries by itself; operator: a person must act; permanent: retrying cannot help. */
export type RetryClass = 'automatic' | 'operator' | 'permanent';

/** Whether the request reached the server: 'no' is certain; 'maybe' means a retry could duplicate it. */
export type Delivery = 'no' | 'maybe' | 'yes';

export class ProgenyError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly retry: RetryClass,
    readonly sent: Delivery,
    readonly details: { status?: number; retryAfterMs?: number; fields?: Record<string, string[]> } = {},
  ) {
    super(message);
    this.name = 'ProgenyError';
  }
}

export const isProgenyError = (error: unknown): error is ProgenyError => error instanceof ProgenyError;

/** `Retry-After` as milliseconds: seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
