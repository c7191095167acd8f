import type { Logger } from '../../core/logger';

/**
 * The only places the station may send an operator to in the OS browser: Progeny's site and its API
 * documentation. Exact host names: a subdomain or a look-alike host is refused, so a compromised
 * page cannot use the station to open an attacker's page with the operator's trust in the app.
 */
export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set(['progeny.tech', 'docs.progeny.tech']);

/** The part of Electron's `shell` this module needs (passed in, so neither tests nor the CLI load Electron). */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** https, an allowlisted host, the default port and no credentials in the URL. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.port === '' && parsed.username === '' && parsed.password === '' && EXTERNAL_LINK_HOSTS.has(parsed.hostname);
}

/** Scheme and host only: a refused link's path and query may carry tokens or personal data. */
function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  } catch {
    return 'unparseable';
  }
}

/**
 * Hands an allowlisted link to the OS browser and returns true; refuses anything else, logging only
 * its scheme and host. Opening is not awaited: the caller (a window-open or navigation handler)
 * must answer Electron synchronously.
 */
export function openExternalSafely(url: string, shell: ExternalOpener, log: Logger): boolean {
  const target = describeTarget(url);
  if (!isAllowedExternalUrl(url)) {
    log.warn('external link refused: only https links to the Progeny site and documentation open in the browser', { target });
    return false;
  }
  shell.openExternal(url).catch(() => log.warn('external link could not be handed to the system browser', { target }));
  return true;
}
