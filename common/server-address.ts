/**
 * The one rule for a Progeny server address, shared by the settings contract, the Settings form and
 * the CLI (`--server`, PROGENY_BASE_URL): the station sends credentials and images there, so only
 * https, or plain http to this computer, with nothing in the address that could hide where it goes.
 */

/** Longest server address the station keeps. */
export const MAX_SERVER_URL_LENGTH = 300;

const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** The parts of a WHATWG URL the rule reads. */
interface ParsedUrl {
  readonly protocol: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly search: string;
  readonly origin: string;
}

// common/ sees no DOM or Node types, but every runtime it runs in (Node, Chromium) has the WHATWG URL.
const UrlParser = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL;

function parse(value: string): ParsedUrl | null {
  try {
    return new UrlParser(value);
  } catch {
    return null;
  }
}

/**
 * Why `value` is not an acceptable server address, in one English sentence; null when it is.
 * The URL parser silently drops tabs, newlines and surrounding spaces, so those are refused first:
 * what the operator reads must be where the station connects.
 */
export function serverAddressProblem(value: string): string | null {
  if (value.length > MAX_SERVER_URL_LENGTH) return `must be at most ${MAX_SERVER_URL_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u0020\u007f]/.test(value)) return 'must not contain spaces or control characters';
  const url = parse(value);
  if (!url) return 'must be a full address such as https://be.progeny.tech/api/v3';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname))) {
    return 'must be an https:// address (plain http only for a server on this computer: 127.0.0.1, [::1] or localhost)';
  }
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  if (value.includes('#')) return 'must not contain a fragment (#…)';
  if (url.search !== '' || value.includes('?')) return 'must not contain a query (?…)';
  return null;
}

export const isAcceptableServerUrl = (value: string): boolean => serverAddressProblem(value) === null;

/**
 * Scheme, host and port of a server address: what credentials are bound to and what the audit log
 * records (never a path, query or user info). An unparsable value is named as such, not echoed.
 */
export function serverOrigin(value: string): string {
  const url = parse(value);
  return url && url.origin !== 'null' ? url.origin : '(not a valid address)';
}
