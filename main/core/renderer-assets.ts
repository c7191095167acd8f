import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.traineddata': 'application/octet-stream',
  '.gz': 'application/gzip',
};

export interface RendererAsset {
  file: string;
  contentType: string;
}

/**
 * Maps a request path onto a file under the renderer's root, for the Electron protocol handler and
 * the web station alike. Anything that would leave the root (`..`, encoded separators, absolute
 * paths, NUL bytes) or has a type we do not serve resolves to null.
 */
export function resolveRendererAsset(root: string, urlPath: string): RendererAsset | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '' || decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(base, relative);
  if (!file.startsWith(base + sep)) return null;
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  return contentType ? { file, contentType } : null;
}
