import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import { BRIDGE_PATH, BRIDGE_SUBPROTOCOL, PAGE_SECRET_FRAGMENT_KEY, SESSION_ENDED_CLOSE_CODE, WEB_BRIDGE_SCRIPT, type InvokeFrame, type ServerFrame } from '../../../common/bridge-protocol';
import { MAX_BRIDGE_MESSAGE_BYTES } from '../../../common/contract';
import { RENDERER_SECURITY_HEADERS } from '../../../common/csp';
import { fail } from '../../../common/result';
import type { Logger } from '../../core/logger';
import { resolveRendererAsset } from '../../core/renderer-assets';
import type { StationCore } from '../../core/station-core';
import { createWebAuth, type StationSession } from './web-auth';

export interface WebStationOptions {
  core: StationCore;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  log: Logger;
  /** Called with the next launch URL each time one is spent (each opens one page), for the operator's console. */
  onLaunchUrl?: (url: string) => void;
  /** Milliseconds since the epoch, for session expiry; tests move it. */
  now?: () => number;
}

export interface WebStation {
  readonly port: number;
  /** The unspent launch URL with its single-use token: give it only to the operator who started the station. */
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

// setTimeout takes at most a signed 32-bit delay.
const MAX_TIMER_MS = 2 ** 31 - 1;

export async function startWebStation({ core, rendererDir, port, log, onLaunchUrl, now = Date.now }: WebStationOptions): Promise<WebStation> {
  const indexHtml = injectWebBridge(await readFile(join(rendererDir, 'index.html'), 'utf8'));
  const server = createServer();
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolveListen());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const auth = createWebAuth(actualPort, { now });
  const launchUrl = () => `http://${LOOPBACK}:${actualPort}/?token=${auth.launchToken}`;

  const handleHttp = async (req: IncomingMessage, res: ServerResponse) => {
    const hostProblem = auth.checkHostAndOrigin(req.headers, false);
    if (hostProblem) return refuse(res, 403, `Refused: ${hostProblem}.`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Only GET is served here.');
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}`);

    if (url.searchParams.has('token')) {
      const exchange = auth.exchangeLaunchToken(url.searchParams.get('token'));
      if (exchange === 'spent') return refuse(res, 401, 'Refused: that link has been used already (each opens one page). Open the newest "Open:" address printed by `station web`.');
      if (exchange === 'wrong') return refuse(res, 401, 'Refused: that station token is not valid for this launch.');
      onLaunchUrl?.(launchUrl());
      // The cookie fetches the page; the page secret, in the fragment no server ever receives, opens
      // the bridge. The bridge script moves it to sessionStorage and clears the address bar.
      res.writeHead(303, {
        'Set-Cookie': exchange.cookie,
        Location: `/#${PAGE_SECRET_FRAGMENT_KEY}=${exchange.pageSecret}`,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      });
      return res.end();
    }
    if (!auth.sessionFromCookie(req.headers)) {
      return refuse(res, 401, 'Refused: no station session here, or it has ended. Open the newest "Open:" address printed by `station web` (each opens one page).');
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

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_BRIDGE_MESSAGE_BYTES,
    // Answer with the bridge's own protocol, never the page secret offered next to it.
    handleProtocols: () => BRIDGE_SUBPROTOCOL,
  });
  server.on('upgrade', (req, socket, head) => {
    // The cookie alone never opens the bridge: other local servers can learn it. The page secret
    // offered as a subprotocol must belong to a live session too.
    const session = auth.sessionFromBridgeProtocols(req.headers);
    const problem = auth.checkHostAndOrigin(req.headers, true) ?? (!auth.sessionFromCookie(req.headers) ? 'no station session' : !session ? 'no live page secret' : null);
    const path = new URL(req.url ?? '/', `http://${LOOPBACK}`).pathname;
    if (problem || !session || path !== BRIDGE_PATH) {
      socket.end(`HTTP/1.1 ${problem ? '403 Forbidden' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveBridge(ws, session));
  });

  const send = (ws: WebSocket, frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  const endSession = (ws: WebSocket) => ws.close(SESSION_ENDED_CLOSE_CODE, 'station session ended');

  /** One frame in, exactly one answer out: nothing a frame holds may throw or reject past here. */
  const answerFrame = (ws: WebSocket, data: RawData, isBinary: boolean) => {
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
      return id === null ? send(ws, { kind: 'protocol-error', message }) : send(ws, { kind: 'result', id, result: fail('invalid-request', message) });
    }
    const { id, operation, payload } = frame.data;
    core
      .dispatch(operation, payload)
      .catch((error: unknown) => {
        log.error('bridge dispatch failed', { operation, error: error instanceof Error ? error.message : String(error) });
        return fail('internal', `${operation} failed unexpectedly; see the station log.`);
      })
      .then((result) => send(ws, { kind: 'result', id, result }))
      .catch((error: unknown) => log.error('bridge answer could not be sent', { operation, error: error instanceof Error ? error.message : String(error) }));
  };

  let openBridges = 0;
  const serveBridge = (ws: WebSocket, session: StationSession) => {
    const stopEvents = core.bus.onAny((event, payload) => send(ws, { kind: 'event', event, payload }));
    // An open page loses the bridge when its session ends, as a page reconnecting later would.
    const expiry = setTimeout(() => endSession(ws), Math.min(Math.max(session.expiresAt - now(), 0), MAX_TIMER_MS));
    expiry.unref();
    ws.once('close', () => clearTimeout(expiry));
    openBridges += 1;
    ws.on('close', () => {
      stopEvents();
      // The last page closed: reopening it from the browser's history must meet the lock.
      openBridges -= 1;
      if (openBridges === 0) core.lastViewClosed();
    });
    ws.on('error', (error) => log.warn('bridge socket error', { error: error.message }));
    ws.on('message', (data, isBinary) => {
      if (!auth.isLive(session)) return endSession(ws);
      try {
        answerFrame(ws, data, isBinary);
      } catch (error) {
        log.error('bridge frame failed', { error: error instanceof Error ? error.message : String(error) });
        send(ws, { kind: 'protocol-error', message: 'The station could not read that frame.' });
      }
    });
  };

  return {
    port: actualPort,
    get url() {
      return launchUrl();
    },
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
