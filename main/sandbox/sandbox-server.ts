/**
 * The training-mode sandbox: a Progeny API v3 look-alike on 127.0.0.1 that really analyses the
 * images with the station's engine, so the station can be used and tested with no account and no
 * network. Credentials: training / training unless `users` says otherwise.
 *
 * Layout of `dataDir`: faces.json (registered faces), watchlist.json (background-check list,
 * editable), media/images/services/<service>/<n>.jpg (document portraits, served at /media/…).
 * With `personalData: 'memory'` only watchlist.json is written; faces and portraits stay in memory.
 */
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createNodeAnalysis } from '../analysis/node-analysis';
import { silentLogger } from '../core/logger';
import { openFaceRegistry } from './face-registry';
import { badRequestPage, discardBody, HttpError, notFoundPage, sendError, serverErrorPage, tooLargePage, unavailablePage } from './http-replies';
import { createInMemoryMediaStore, createMediaStore, MEDIA_PREFIX } from './media-store';
import { runService } from './sandbox-results';
import { isSandboxQuirk } from './sandbox-quirks';
import { createRouteTable } from './sandbox-route-table';
import { handleApi } from './sandbox-routes';
import { createTaskStore } from './sandbox-tasks';
import { createTokenService } from './sandbox-tokens';
import {
  createStats,
  DEFAULT_ACCESS_TTL_SECONDS,
  DEFAULT_MAX_QUEUED_TASKS,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_REFRESH_TTL_SECONDS,
  DEFAULT_TASK_DURATION_MS,
  DEFAULT_TRAINING_USER,
  type Sandbox,
  type SandboxEngine,
  type SandboxOptions,
} from './sandbox-types';
import { openWatchlist } from './watchlist';

const LOOPBACK = '127.0.0.1';
const API_PREFIX = '/api/v3';
/** Seconds a client is asked to wait after a simulated outage. */
const RETRY_AFTER_SECONDS = 1;

function checkOptions(o: SandboxOptions): void {
  const positive = (name: string, value: number | undefined) => {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) throw new Error(`${name} must be a positive number`);
  };
  positive('accessTtlSeconds', o.accessTtlSeconds);
  positive('refreshTtlSeconds', o.refreshTtlSeconds);
  positive('maxUploadBytes', o.maxUploadBytes);
  positive('maxQueuedTasks', o.maxQueuedTasks);
  if (o.failRate !== undefined && !(o.failRate >= 0 && o.failRate <= 1)) throw new Error('failRate must be between 0 and 1');
  if (typeof o.taskDurationMs === 'number' && !(o.taskDurationMs >= 0)) throw new Error('taskDurationMs must be 0 or more');
  if (o.port !== undefined && !(Number.isInteger(o.port) && o.port >= 0 && o.port <= 65535)) throw new Error('port must be an integer from 0 to 65535');
  if (o.personalData !== undefined && o.personalData !== 'files' && o.personalData !== 'memory') throw new Error('personalData must be files or memory');
  const users = o.users ?? [DEFAULT_TRAINING_USER];
  if (users.length === 0 || users.some((u) => !u.username || !u.password)) throw new Error('every sandbox user needs a username and a password');
  const unknownQuirks = (o.quirks ?? []).filter((quirk) => !isSandboxQuirk(quirk));
  if (unknownQuirks.length > 0) throw new Error(`unknown sandbox quirks: ${unknownQuirks.join(', ')}`);
}

/** Django's ALLOWED_HOSTS for a loopback-only server: refuses DNS-rebinding requests. */
function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && [`${LOOPBACK}:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  checkOptions(options);
  const log = options.log ?? silentLogger;
  const now = options.now ?? Date.now;
  const dataDir = resolve(options.dataDir);
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const failRate = options.failRate ?? 0;
  const duration = options.taskDurationMs ?? DEFAULT_TASK_DURATION_MS;
  await mkdir(dataDir, { recursive: true });
  const inMemory = options.personalData === 'memory';
  const registry = await openFaceRegistry(inMemory ? null : join(dataDir, 'faces.json'));
  const watchlist = await openWatchlist(join(dataDir, 'watchlist.json'), log);

  const ownsEngine = !options.analysis;
  const engine: SandboxEngine & { close?: () => Promise<void> } = options.analysis ?? (await createNodeAnalysis());
  const server = createServer();
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, LOOPBACK, () => {
        server.off('error', fail);
        done();
      });
    });
  } catch (error) {
    if (ownsEngine) await engine.close?.();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK}:${port}`;

  const stats = createStats();
  const quirks = new Set(options.quirks ?? []);
  const routes = createRouteTable(quirks);
  const tokens = createTokenService({
    rotateRefresh: !quirks.has('refresh-without-rotation'),
    users: options.users ?? [DEFAULT_TRAINING_USER],
    accessTtlSeconds: options.accessTtlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS,
    refreshTtlSeconds: options.refreshTtlSeconds ?? DEFAULT_REFRESH_TTL_SECONDS,
    now,
    stats,
  });
  const tasks = createTaskStore({ now, durationMs: (service) => (typeof duration === 'function' ? duration(service) : duration), maxQueued: options.maxQueuedTasks ?? DEFAULT_MAX_QUEUED_TASKS, log });
  const media = inMemory ? createInMemoryMediaStore(() => origin) : createMediaStore(dataDir, () => origin);
  const results = { engine, registry, watchlist, media, now };
  const api = {
    routes,
    quirks,
    tokens,
    tasks,
    stats,
    maxUploadBytes,
    onTaskCreated: options.onTaskCreated,
    analyse: (service: Parameters<typeof runService>[0], inputs: Parameters<typeof runService>[1]) => runService(service, inputs, results),
  };

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!hostAllowed(req.headers.host, port)) throw badRequestPage();
    const path = url.pathname;
    if (path.startsWith(MEDIA_PREFIX)) {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw notFoundPage();
      return media.serve(path, res);
    }
    if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`)) throw notFoundPage();
    // The proxy in front refuses oversized bodies, and simulated outages, before the app sees them.
    if (Number(req.headers['content-length'] ?? 0) > maxUploadBytes) throw tooLargePage();
    if (failRate > 0 && Math.random() < failRate) throw unavailablePage(RETRY_AFTER_SECONDS);
    return handleApi(req, res, path.slice(API_PREFIX.length), url, api);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      url = new URL('/invalid', origin);
    }
    res.on('finish', () => {
      const route = url.pathname.startsWith(MEDIA_PREFIX) ? 'media' : routes.label(url.pathname.slice(API_PREFIX.length));
      log.info('request', { method: req.method, route, status: res.statusCode, ms: Math.round(performance.now() - started) });
    });
    handle(req, res, url)
      .catch((error: unknown) => {
        const reply = error instanceof HttpError ? error : serverErrorPage();
        if (!(error instanceof HttpError)) log.error('request failed', { error: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) sendError(res, reply);
        else res.destroy();
      })
      .finally(() => discardBody(req, maxUploadBytes * 2));
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  log.info('sandbox listening', { baseUrl: `${origin}${API_PREFIX}`, registeredFaces: registry.size, quirks: [...quirks].join(',') || 'none' });
  let closing: Promise<void> | null = null;
  return {
    baseUrl: `${origin}${API_PREFIX}`,
    stats,
    quirks: [...quirks],
    revokeAllTokens: () => tokens.revokeAll(),
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((done) => server.close(() => done()));
        server.closeIdleConnections();
        await tasks.close();
        server.closeAllConnections();
        await stopped;
        if (ownsEngine) await engine.close?.();
      })()),
  };
}
