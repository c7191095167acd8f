import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { RENDERER_SECURITY_HEADERS } from '../../common/csp';
import { resolveRendererAsset } from '../../main/core/renderer-assets';

export const HARNESS_DIR = resolve(import.meta.dirname, '../../out/browser-engine');

export async function buildHarness(): Promise<void> {
  // The config imports TypeScript modules without extensions, which Vite's bundling loader handles.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';
  await build({ configFile: join(import.meta.dirname, 'vite.config.ts') });
}

/** Serves the harness on 127.0.0.1 with the station's own CSP and security headers. */
export async function serveHarness(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const asset = resolveRendererAsset(HARNESS_DIR, new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (!asset) {
      res.writeHead(404).end();
      return;
    }
    readFile(asset.file).then(
      (body) => res.writeHead(200, { ...RENDERER_SECURITY_HEADERS, 'Content-Type': asset.contentType }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
