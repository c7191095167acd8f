import { shell, type Session, type WebContents } from 'electron';
import { createConsoleLogger, type Logger } from '../../core/logger';
import { isAppUrl } from './app-origin';
import { openExternalSafely } from './external-links';

/**
 * The station's own pages get the camera and system notifications (a result landed: service and
 * verdict only, never personal data); nothing else, and no other origin gets anything. The
 * microphone, screen capture, geolocation, USB/HID/serial and the rest are denied.
 */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined, mediaTypes: readonly string[] | undefined): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  if (permission === 'notifications') return true;
  if (permission !== 'media') return false;
  // A check (no mediaTypes listed) or a video-only request; any audio request is refused.
  return (mediaTypes ?? []).every((type) => type === 'video');
}

export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isPermissionGranted(permission, details.requestingUrl, mediaTypes));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? details.securityOrigin, details.mediaType === 'video' ? ['video'] : details.mediaType ? [details.mediaType] : undefined),
  );
  session.setDevicePermissionHandler(() => false);
}

const linkLog = createConsoleLogger('electron');

/**
 * Applied to every WebContents the app creates (see `web-contents-created`): no new windows, no
 * navigation away from the entry page, no <webview>, no redirects. A link to a foreign page never
 * loads inside the station; when it is an allowlisted https link (external-links.ts) it opens in
 * the OS browser instead.
 */
const lockedDown = new WeakSet<WebContents>();

export function lockDownContents(contents: WebContents, log: Logger = linkLog): void {
  // The window factory and the app-wide `web-contents-created` hook both call this; once is enough.
  if (lockedDown.has(contents)) return;
  lockedDown.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    if (!isAppUrl(url)) openExternalSafely(url, shell, log);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (url === contents.getURL()) return;
    event.preventDefault();
    if (!isAppUrl(url)) openExternalSafely(url, shell, log);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
