import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * The camera is the only permission the station ever needs, and only for its own pages. The
 * microphone, screen capture, notifications-by-permission, USB/HID/serial and the rest are denied.
 */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined, mediaTypes: readonly string[] | undefined): boolean {
  if (permission !== 'media' || !isAppUrl(requestingUrl)) return false;
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

/**
 * Applied to every WebContents the app creates (see `web-contents-created`): no new windows, no
 * navigation away from the entry page, no <webview>, no redirects.
 */
const lockedDown = new WeakSet<WebContents>();

export function lockDownContents(contents: WebContents): void {
  // The window factory and the app-wide `web-contents-created` hook both call this; once is enough.
  if (lockedDown.has(contents)) return;
  lockedDown.add(contents);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
