import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { BRIDGE_SUBPROTOCOL, PAGE_SECRET_PATTERN, PAGE_SECRET_SUBPROTOCOL_PREFIX } from '../../../common/bridge-protocol';

/**
 * Who may talk to a web station: only a page on this machine opened from a launch link.
 *
 * - The launch link's token is single-use: exchanging it creates one session and mints the next
 *   link, which the station prints, so a link found later in the browser history opens nothing.
 * - A session has two secrets. The HttpOnly cookie only fetches the page and its assets: browsers
 *   send cookies to every port of 127.0.0.1, so any other local server the operator's browser visits
 *   learns it. The page secret travels in the redirect's URL fragment (never sent to any server),
 *   lives in the tab's sessionStorage (per origin, so per port) and is required to open the bridge.
 * - A session lives a fixed 12 hours, a working day: no activity extends it, so a leaked secret is
 *   worth at most that long, and the cookie's Max-Age and the station's own expiry end together.
 * - Host and Origin must name the station itself, which defeats DNS rebinding and cross-site pages.
 */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Each launch link opens one session; more live at once than this drops the oldest. */
export const MAX_LIVE_SESSIONS = 64;

export interface StationSession {
  readonly expiresAt: number;
}

export interface LaunchExchange {
  /** Set-Cookie value for the page and its assets. */
  cookie: string;
  /** Handed to the page in the redirect's fragment; opens the bridge. */
  pageSecret: string;
}

export type LaunchRefusal = 'spent' | 'wrong';

export interface WebAuth {
  readonly cookieName: string;
  /** The one launch token that is still unspent. */
  readonly launchToken: string;
  /** Spends the launch token (and mints the next) when `candidate` is it; else why it was refused. */
  exchangeLaunchToken(candidate: string | null): LaunchExchange | LaunchRefusal;
  /** The live session whose cookie the request carries, if any. */
  sessionFromCookie(headers: IncomingHttpHeaders): StationSession | null;
  /** The live session whose page secret a bridge upgrade offers (in Sec-WebSocket-Protocol), if any. */
  sessionFromBridgeProtocols(headers: IncomingHttpHeaders): StationSession | null;
  isLive(session: StationSession): boolean;
  /** null when acceptable, else a reason for the refusal. */
  checkHostAndOrigin(headers: IncomingHttpHeaders, requireOrigin: boolean): string | null;
}

export interface WebAuthOptions {
  random?: (size: number) => Buffer;
  /** Milliseconds since the epoch; tests move it to expire sessions. */
  now?: () => number;
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

// Secrets are looked up by their hash: a Map lookup on an attacker-chosen string then leaks nothing useful.
const digest = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/** The page secret among the offered subprotocols, when the bridge's own protocol is offered too. */
export function pageSecretFromProtocols(header: string | undefined): string | null {
  const offered = (header ?? '').split(',').map((value) => value.trim());
  if (!offered.includes(BRIDGE_SUBPROTOCOL)) return null;
  const secrets = offered.filter((value) => value.startsWith(PAGE_SECRET_SUBPROTOCOL_PREFIX)).map((value) => value.slice(PAGE_SECRET_SUBPROTOCOL_PREFIX.length));
  return secrets.length === 1 && PAGE_SECRET_PATTERN.test(secrets[0]!) ? secrets[0]! : null;
}

export function createWebAuth(port: number, { random = randomBytes, now = Date.now }: WebAuthOptions = {}): WebAuth {
  const newSecret = (size: number) => random(size).toString('base64url');
  let launchToken = newSecret(24);
  // Remembered only to tell the operator "already used" rather than "wrong"; bounded like the sessions.
  const spentTokens: string[] = [];
  // Cookies are per host, not per port: two stations on one machine must not share a cookie name.
  const cookieName = `station-${port}`;
  const byCookie = new Map<string, StationSession>();
  const byPageSecret = new Map<string, StationSession>();
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((h) => `http://${h}`));

  const isLive = (session: StationSession) => now() < session.expiresAt;
  const liveSession = (map: Map<string, StationSession>, secret: string | null) => {
    if (!secret) return null;
    const session = map.get(digest(secret));
    return session && isLive(session) ? session : null;
  };
  const forgetExpired = () => {
    for (const map of [byCookie, byPageSecret]) {
      for (const [key, session] of map) if (!isLive(session)) map.delete(key);
      // Maps keep insertion order: the first entries are the oldest sessions.
      while (map.size > MAX_LIVE_SESSIONS) map.delete(map.keys().next().value!);
    }
  };

  return {
    cookieName,
    get launchToken() {
      return launchToken;
    },
    exchangeLaunchToken(candidate) {
      if (candidate === null || !sameSecret(candidate, launchToken)) {
        return candidate !== null && spentTokens.includes(digest(candidate)) ? 'spent' : 'wrong';
      }
      spentTokens.push(digest(launchToken));
      if (spentTokens.length > MAX_LIVE_SESSIONS) spentTokens.shift();
      launchToken = newSecret(24);
      const session: StationSession = { expiresAt: now() + SESSION_LIFETIME_MS };
      const cookieSecret = newSecret(32);
      const pageSecret = newSecret(32);
      byCookie.set(digest(cookieSecret), session);
      byPageSecret.set(digest(pageSecret), session);
      forgetExpired();
      return {
        cookie: `${cookieName}=${cookieSecret}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_LIFETIME_MS / 1000}`,
        pageSecret,
      };
    },
    sessionFromCookie(headers) {
      for (const part of (headers.cookie ?? '').split(';')) {
        const [name, ...rest] = part.trim().split('=');
        if (name !== cookieName) continue;
        const session = liveSession(byCookie, rest.join('='));
        if (session) return session;
      }
      return null;
    },
    sessionFromBridgeProtocols(headers) {
      return liveSession(byPageSecret, pageSecretFromProtocols(headers['sec-websocket-protocol']));
    },
    isLive,
    checkHostAndOrigin(headers, requireOrigin) {
      if (!headers.host || !hosts.has(headers.host)) return 'the Host header does not name this station';
      const origin = headers.origin;
      if (origin === undefined) return requireOrigin ? 'the request has no Origin header' : null;
      return origins.has(origin) ? null : 'the request comes from another origin';
    },
  };
}
