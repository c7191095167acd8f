import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who may talk to a web station: only a browser on this machine that was given the launch URL.
 * The launch token is exchanged once per browser for an HttpOnly, SameSite=Strict session cookie;
 * Host and Origin must name the station itself, which defeats DNS rebinding and cross-site pages.
 */
export interface WebAuth {
  readonly launchToken: string;
  readonly cookieName: string;
  /** Set-Cookie value that admits a browser. */
  sessionCookie(): string;
  isLaunchToken(candidate: string | null): boolean;
  hasSession(headers: IncomingHttpHeaders): boolean;
  /** null when acceptable, else a reason for the refusal. */
  checkHostAndOrigin(headers: IncomingHttpHeaders, requireOrigin: boolean): string | null;
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function createWebAuth(port: number, random: (size: number) => Buffer = randomBytes): WebAuth {
  const launchToken = random(24).toString('base64url');
  const sessionSecret = random(32).toString('base64url');
  // Cookies are per host, not per port: two stations on one machine must not share a cookie.
  const cookieName = `station-${port}`;
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((h) => `http://${h}`));

  return {
    launchToken,
    cookieName,
    sessionCookie: () => `${cookieName}=${sessionSecret}; HttpOnly; SameSite=Strict; Path=/`,
    isLaunchToken: (candidate) => candidate !== null && sameSecret(candidate, launchToken),
    hasSession(headers) {
      for (const part of (headers.cookie ?? '').split(';')) {
        const [name, ...rest] = part.trim().split('=');
        if (name === cookieName && sameSecret(rest.join('='), sessionSecret)) return true;
      }
      return false;
    },
    checkHostAndOrigin(headers, requireOrigin) {
      if (!headers.host || !hosts.has(headers.host)) return 'the Host header does not name this station';
      const origin = headers.origin;
      if (origin === undefined) return requireOrigin ? 'the request has no Origin header' : null;
      return origins.has(origin) ? null : 'the request comes from another origin';
    },
  };
}
