import { decodeJwt } from 'jose';
import { API_PATHS } from '../../../common/services/catalog';
import type { ProgenyHttp } from './progeny-http';
import { ProgenyError } from './progeny-error';

export interface Credentials {
  username: string;
  password: string;
}

/** Where credentials come from: environment, Electron safeStorage, the training sandbox… */
export interface CredentialsSource {
  get(): Promise<Credentials | null>;
}

export type SessionState = 'signed-out' | 'signed-in' | 'credentials-missing' | 'credentials-rejected';

interface Token {
  value: string;
  /** Expiry in ms since the epoch, from the JWT's `exp`. */
  expiresAt: number;
  /** When to stop using it: `marginMs` before expiry, or a fifth of its lifetime if that is shorter. */
  renewAt: number;
}

export interface TokenManagerOptions {
  http: ProgenyHttp;
  credentials: CredentialsSource;
  now?: () => number;
  /** Renew the access token this long before it expires (clock skew, request time). */
  marginMs?: number;
  onStateChange?: (state: SessionState) => void;
}

export interface TokenStats {
  obtains: number;
  refreshes: number;
}

export interface TokenManager {
  readonly state: SessionState;
  readonly stats: TokenStats;
  /** A valid access token, renewing it first when needed; concurrent callers share one renewal. */
  accessToken(): Promise<string>;
  /** The server refused `token` (401): forget it, so the next accessToken() renews. */
  rejected(token: string): void;
  /** New credentials were saved: leave the "rejected" state and start over. */
  reset(): void;
}

function readToken(value: unknown, kind: string, receivedAt: number, marginMs: number): Token {
  if (typeof value !== 'string') throw new ProgenyError('invalid-response', `Progeny's token answer has no ${kind} token.`, 'operator', 'yes');
  let exp: number | undefined;
  try {
    exp = decodeJwt(value).exp;
  } catch {
    // reported below
  }
  if (typeof exp !== 'number') throw new ProgenyError('invalid-response', `Progeny's ${kind} token is not a JWT with an expiry.`, 'operator', 'yes');
  const expiresAt = exp * 1000;
  // Short-lived tokens (a 3 s test TTL) would otherwise be "about to expire" the moment they arrive.
  return { value, expiresAt, renewAt: expiresAt - Math.min(marginMs, Math.max(0, expiresAt - receivedAt) * 0.2) };
}

/**
 * The token lifecycle, in main only (tokens never reach the renderer, nor the disk): obtain with the
 * credentials, refresh shortly before expiry, keep the rotated refresh token, one renewal at a time
 * for any number of waiting requests, obtain again when a refresh is refused, and stop for good
 * (until new credentials) when the credentials themselves are refused, never looping.
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const now = options.now ?? Date.now;
  const margin = options.marginMs ?? 30_000;
  const stats: TokenStats = { obtains: 0, refreshes: 0 };
  let access: Token | null = null;
  let refresh: Token | null = null;
  let state: SessionState = 'signed-out';
  let renewing: Promise<string> | null = null;

  const setState = (next: SessionState) => {
    if (next !== state) {
      state = next;
      options.onStateChange?.(next);
    }
  };

  /**
   * Saves a token answer whole or not at all. A refresh answer may omit `refresh` (simplejwt without
   * rotation): the refresh token presented stays valid then and is kept (docs/progeny-api.md §2.2).
   */
  const store = (body: unknown, presented: Token | null = null) => {
    const tokens = body as { access?: unknown; refresh?: unknown } | null;
    const nextAccess = readToken(tokens?.access, 'access', now(), margin);
    const nextRefresh = presented && (tokens?.refresh === undefined || tokens.refresh === null) ? presented : readToken(tokens?.refresh, 'refresh', now(), margin);
    access = nextAccess;
    refresh = nextRefresh;
    setState('signed-in');
    return access.value;
  };

  async function obtain(): Promise<string> {
    const credentials = await options.credentials.get();
    if (!credentials) {
      setState('credentials-missing');
      throw new ProgenyError('credentials-rejected', 'No Progeny credentials are configured: sign in under Settings.', 'operator', 'no');
    }
    stats.obtains += 1;
    const response = await options.http({ method: 'POST', path: API_PATHS.obtainToken, form: { username: credentials.username, password: credentials.password } });
    if (response.status === 200) return store(response.body);
    if (response.status === 401 || response.status === 400) {
      access = refresh = null;
      setState('credentials-rejected');
      throw new ProgenyError('credentials-rejected', 'Progeny refused the username or password: sending is stopped until the credentials are corrected under Settings.', 'operator', 'yes', {
        status: response.status,
      });
    }
    throw new ProgenyError(response.status === 429 ? 'rate-limited' : 'server-error', `Signing in to Progeny failed (HTTP ${response.status}).`, 'automatic', 'yes', { status: response.status });
  }

  async function renew(): Promise<string> {
    if (refresh && refresh.renewAt > now()) {
      const presented = refresh;
      // A refresh token is used once: drop it now, so a failure can never present it again.
      refresh = null;
      stats.refreshes += 1;
      const response = await options.http({ method: 'POST', path: API_PATHS.refreshToken, form: { refresh: presented.value } });
      if (response.status === 200) return store(response.body, presented);
      if (response.status !== 401 && response.status !== 400) {
        throw new ProgenyError('server-error', `Renewing the Progeny session failed (HTTP ${response.status}).`, 'automatic', 'yes', { status: response.status });
      }
    }
    return obtain();
  }

  return {
    get state() {
      return state;
    },
    stats,
    accessToken() {
      if (state === 'credentials-rejected') {
        return Promise.reject(new ProgenyError('credentials-rejected', 'Progeny refused the username or password: correct them under Settings.', 'operator', 'no'));
      }
      if (access && access.renewAt > now()) return Promise.resolve(access.value);
      renewing ??= renew().finally(() => {
        renewing = null;
      });
      return renewing;
    },
    rejected(token) {
      if (access?.value === token) access = null;
    },
    reset() {
      access = refresh = null;
      setState('signed-out');
    },
  };
}

export const fixedCredentials = (credentials: Credentials): CredentialsSource => ({ get: () => Promise.resolve(credentials) });
