import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { RENDERER_SECURITY_HEADERS } from '../../../common/csp';
import { resolveRendererAsset } from '../../core/renderer-assets';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Must run before `app.ready`: makes station:// a secure, standard origin (camera needs one). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

export async function rendererResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  const asset = url.host === APP_HOST ? resolveRendererAsset(rendererDir, url.pathname) : null;
  if (!asset) return new Response('Not found', { status: 404, headers: RENDERER_SECURITY_HEADERS });
  try {
    const body = await readFile(asset.file);
    return new Response(body, { status: 200, headers: { ...RENDERER_SECURITY_HEADERS, 'Content-Type': asset.contentType } });
  } catch {
    return new Response('Not found', { status: 404, headers: RENDERER_SECURITY_HEADERS });
  }
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url));
}
