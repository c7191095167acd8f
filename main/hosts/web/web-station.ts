import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { BRIDGE_PATH, WEB_BRIDGE_SCRIPT, type InvokeFrame, type ServerFrame } from '../../../common/bridge-protocol';
import { MAX_BRIDGE_MESSAGE_BYTES } from '../../../common/contract';
import { RENDERER_SECURITY_HEADERS } from '../../../common/csp';
import { fail } from '../../../common/result';
import type { Logger } from '../../core/logger';
import { resolveRendererAsset } from '../../core/renderer-assets';
import type { StationCore } from '../../core/station-core';
import { createWebAuth } from './web-auth';

export interface WebStationOptions {
  core: StationCore;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  log: Logger;
}

export interface WebStation {
  readonly port: number;
  /** The launch URL with its token: give it only to the operator who started the station. */
  readonly url: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

const InvokeFrameSchema = z.object({
  kind: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  operation: z.string().max(64),
  payload: z.unknown().optional(),
}) satisfies z.ZodType<InvokeFrame>;
const IdOnlySchema = z.object({ id: z.number().int().nonnegative() });

/** The web station inserts its WebSocket bridge before the app's own module script. */
export function injectWebBridge(indexHtml: string): string {
  const tag = `<script type="module" src="./${WEB_BRIDGE_SCRIPT}"></script>`;
  const at = indexHtml.indexOf('<script');
  if (at === -1) throw new Error('renderer index.html has no <script> tag to run the bridge before');
  return `${indexHtml.slice(0, at)}${tag}\n    ${indexHtml.slice(at)}`;
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...RENDERER_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${text}\n`);
}

export async function startWebStation({ core, rendererDir, port, log }: WebStationOptions): Promise<WebStation> {
  const indexHtml = injectWebBridge(await readFile(join(rendererDir, 'index.html'), 'utf8'));
  const server = createServer();
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolveListen());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const auth = createWebAuth(actualPort);

  const handleHttp = async (req: IncomingMessage, res: ServerResponse) => {
    const hostProblem = auth.checkHostAndOrigin(req.headers, false);
    if (hostProblem) return refuse(res, 403, `Refused: ${hostProblem}.`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Only GET is served here.');
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}`);

    if (url.searchParams.has('token')) {
      if (!auth.isLaunchToken(url.searchParams.get('token'))) return refuse(res, 401, 'Refused: that station token is not valid for this launch.');
      // Swap the token for a cookie and drop it from the address bar.
      res.writeHead(303, { 'Set-Cookie': auth.sessionCookie(), Location: '/', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
      return res.end();
    }
    if (!auth.hasSession(req.headers)) {
      return refuse(res, 401, 'Refused: open the address printed by `station web` (it carries a one-launch token).');
    }

    const asset = resolveRendererAsset(rendererDir, url.pathname);
    if (!asset) return refuse(res, 404, 'Not found.');
    let body: Buffer;
    if (asset.file === join(rendererDir, 'index.html')) body = Buffer.from(indexHtml);
    else {
      try {
        body = await readFile(asset.file);
      } catch {
        return refuse(res, 404, 'Not found.');
      }
    }
    res.writeHead(200, {
      ...RENDERER_SECURITY_HEADERS,
      'Content-Type': asset.contentType,
      'Content-Length': body.length,
      'Cache-Control': url.pathname.startsWith('/assets/') ? 'private, max-age=31536000, immutable' : 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  server.on('request', (req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      log.error('web station request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) refuse(res, 500, 'The station failed to answer; see its log.');
      else res.destroy();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const problem = auth.checkHostAndOrigin(req.headers, true) ?? (auth.hasSession(req.headers) ? null : 'no station session');
    const path = new URL(req.url ?? '/', `http://${LOOPBACK}`).pathname;
    if (problem || path !== BRIDGE_PATH) {
      socket.end(`HTTP/1.1 ${problem ? '403 Forbidden' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveBridge(ws));
  });

  const send = (ws: WebSocket, frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  const serveBridge = (ws: WebSocket) => {
    const stopEvents = core.bus.onAny((event, payload) => send(ws, { kind: 'event', event, payload }));
    ws.on('close', stopEvents);
    ws.on('error', (error) => log.warn('bridge socket error', { error: error.message }));
    ws.on('message', (data, isBinary) => {
      let parsed: unknown = undefined;
      try {
        if (!isBinary && Buffer.isBuffer(data)) parsed = JSON.parse(data.toString('utf8'));
      } catch {
        // reported below, like a binary frame
      }
      if (parsed === undefined) return send(ws, { kind: 'protocol-error', message: 'Bridge frames must be JSON text.' });
      const frame = InvokeFrameSchema.safeParse(parsed);
      if (!frame.success) {
        // Answer on the frame's own id when it has a usable one, so the caller's promise settles.
        const id = IdOnlySchema.safeParse(parsed).data?.id ?? null;
        const message = `Bridge frame rejected: ${frame.error.issues[0]?.path.join('.') || 'frame'}: ${frame.error.issues[0]?.message ?? 'invalid'}`;
        return id === null
          ? send(ws, { kind: 'protocol-error', message })
          : send(ws, { kind: 'result', id, result: fail('invalid-request', message) });
      }
      const { id, operation, payload } = frame.data;
      void core.dispatch(operation, payload).then((result) => send(ws, { kind: 'result', id, result }));
    });
  };

  return {
    port: actualPort,
    url: `http://${LOOPBACK}:${actualPort}/?token=${auth.launchToken}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
