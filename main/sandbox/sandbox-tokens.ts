/**
 * Access and refresh tokens as djangorestframework-simplejwt issues them for Progeny (HS256,
 * claims token_type / exp / jti / user_id, access 5 min, refresh 14 days), with refresh rotation
 * and blacklisting after rotation (ROTATE_REFRESH_TOKENS + BLACKLIST_AFTER_ROTATION), or, with
 * `rotateRefresh: false` (the `refresh-without-rotation` quirk, simplejwt's default settings), a new
 * access token only while the refresh token stays valid until it expires. The signing
 * secret is random per launch, so tokens never outlive the sandbox process. Messages are
 * simplejwt's own.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { HttpError } from './http-replies';
import type { SandboxStats, SandboxUser } from './sandbox-types';

export type TokenType = 'access' | 'refresh';

export interface TokenPair {
  refresh: string;
  access: string;
}

interface Claims extends JWTPayload {
  token_type: TokenType;
  exp: number;
  jti: string;
  user_id: number;
}

export interface TokenServiceOptions {
  users: SandboxUser[];
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  now: () => number;
  stats: SandboxStats;
  /** Default true: each refresh answers a new refresh token and blacklists the presented one. */
  rotateRefresh?: boolean;
}

/** A refresh's answer: `refresh` is null when refresh tokens are not rotated. */
export interface RefreshAnswer {
  access: string;
  refresh: string | null;
}

const INVALID = 'Token is invalid or expired';
const WRONG_TYPE = 'Token has wrong type';
const BLACKLISTED = 'Token is blacklisted';

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function createTokenService({ users, accessTtlSeconds, refreshTtlSeconds, now, stats, rotateRefresh = true }: TokenServiceOptions) {
  const secret = new Uint8Array(randomBytes(32));
  /** Refresh tokens rotated out by a refresh: presenting one again is a reuse. */
  const rotatedOut = new Set<string>();
  /** Every jti issued so far, so revokeAll() can reach tokens still in clients' hands. */
  const issued = new Set<string>();
  const revoked = new Set<string>();
  const seconds = () => Math.floor(now() / 1000);

  async function sign(type: TokenType, userId: number, ttl: number): Promise<string> {
    const jti = randomBytes(16).toString('hex');
    issued.add(jti);
    const claims: Claims = { token_type: type, exp: seconds() + ttl, jti, user_id: userId };
    return new SignJWT(claims).setProtectedHeader({ typ: 'JWT', alg: 'HS256' }).sign(secret);
  }

  const pair = async (userId: number): Promise<TokenPair> => ({ refresh: await sign('refresh', userId, refreshTtlSeconds), access: await sign('access', userId, accessTtlSeconds) });

  /** The verified claims, or the simplejwt message saying why not (and whether it was a rotated-out token). */
  async function verify(token: string, type: TokenType): Promise<{ claims: Claims } | { problem: string; reused: boolean }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], currentDate: new Date(now()) }));
    } catch {
      return { problem: INVALID, reused: false };
    }
    const claims = payload as Partial<Claims>;
    if (typeof claims.jti !== 'string' || typeof claims.user_id !== 'number' || typeof claims.exp !== 'number') return { problem: INVALID, reused: false };
    if (claims.token_type !== type) return { problem: WRONG_TYPE, reused: false };
    if (rotatedOut.has(claims.jti)) return { problem: BLACKLISTED, reused: true };
    if (revoked.has(claims.jti)) return { problem: BLACKLISTED, reused: false };
    return { claims: claims as Claims };
  }

  return {
    /** POST /accounts/token/obtain/ after field validation. */
    async obtain(username: string, password: string): Promise<TokenPair> {
      const index = users.findIndex((u) => sameText(u.username, username) && sameText(u.password, password));
      if (index === -1) throw new HttpError(401, { detail: 'No active account found with the given credentials' });
      stats.obtains += 1;
      return pair(index + 1);
    },

    /** POST /accounts/token/refresh/: a new access and (rotating) a new refresh; the presented one is blacklisted. */
    async refresh(token: string): Promise<RefreshAnswer> {
      let checked = await verify(token, 'refresh');
      // Two refreshes racing with one token: only the first may rotate it (verify awaited in between).
      if ('claims' in checked && rotatedOut.has(checked.claims.jti)) checked = { problem: BLACKLISTED, reused: true };
      if ('problem' in checked) {
        if (checked.reused) stats.refreshReuses += 1;
        throw new HttpError(401, { detail: checked.problem, code: 'token_not_valid' });
      }
      stats.refreshes += 1;
      if (!rotateRefresh) return { access: await sign('access', checked.claims.user_id, accessTtlSeconds), refresh: null };
      rotatedOut.add(checked.claims.jti);
      return pair(checked.claims.user_id);
    },

    /**
     * The user id behind an `Authorization` header, as simplejwt's JWTAuthentication decides it:
     * no header or another scheme → "credentials were not provided"; a bad token → token_not_valid.
     */
    async authenticate(header: string | undefined): Promise<number> {
      const parts = (header ?? '').trim().split(/\s+/).filter(Boolean);
      if (parts.length === 0 || parts[0] !== 'Bearer') {
        throw new HttpError(401, { detail: 'Authentication credentials were not provided.' }, { headers: { 'WWW-Authenticate': 'Bearer realm="api"' } });
      }
      if (parts.length !== 2) {
        throw new HttpError(
          401,
          { detail: 'Authorization header must contain two space-delimited values', code: 'bad_authorization_header' },
          { headers: { 'WWW-Authenticate': 'Bearer realm="api"' } },
        );
      }
      const checked = await verify(parts[1]!, 'access');
      if ('problem' in checked) {
        throw new HttpError(
          401,
          { detail: 'Given token not valid for any token type', code: 'token_not_valid', messages: [{ token_class: 'AccessToken', token_type: 'access', message: checked.problem }] },
          { headers: { 'WWW-Authenticate': 'Bearer realm="api"' } },
        );
      }
      return checked.claims.user_id;
    },

    revokeAll(): void {
      for (const jti of issued) revoked.add(jti);
      issued.clear();
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
