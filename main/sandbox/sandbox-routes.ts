/**
 * The API routes under /api/v3, in the order a DRF view handles a request: authentication first
 * (services and tasks only), then the method (405), then the body (413/415/400), then validation.
 *
 * Paths must end with a slash, as documented. Without it the sandbox answers 404 to a POST, like a
 * Django app that cannot redirect a POST (APPEND_SLASH raises an error in DEBUG; in production it
 * answers 301 and clients re-send the POST as a GET, losing the body — a 404 makes the mistake
 * visible instead). A GET without the slash is redirected (301), as APPEND_SLASH does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PATHS, SERVICES, SERVICE_IDS, type ServiceId } from '../../common/services/catalog';
import { drfNotFound, HttpError, methodNotAllowed, notFoundPage, sendJson, unavailablePage } from './http-replies';
import { bodyValue, readBody, type ParsedBody } from './request-body';
import type { TokenService } from './sandbox-tokens';
import type { TaskStore } from './sandbox-tasks';
import type { SandboxStats, TaskResult } from './sandbox-types';
import { validateServiceRequest, type ServiceInputs } from './service-validation';

export interface ApiContext {
  tokens: TokenService;
  tasks: TaskStore;
  stats: SandboxStats;
  maxUploadBytes: number;
  analyse(service: ServiceId, inputs: ServiceInputs): Promise<TaskResult>;
  onTaskCreated?: ((service: ServiceId, fields: Readonly<Record<string, string>>) => void) | undefined;
}

type Route = { kind: 'obtain' } | { kind: 'refresh' } | { kind: 'task' } | { kind: 'service'; service: ServiceId };

const ROUTES = new Map<string, Route>([
  [API_PATHS.obtainToken, { kind: 'obtain' }],
  [API_PATHS.refreshToken, { kind: 'refresh' }],
  [API_PATHS.task, { kind: 'task' }],
  ...SERVICE_IDS.map((service): [string, Route] => [SERVICES[service].path, { kind: 'service', service }]),
]);

const ALLOW: Record<Route['kind'], string> = { obtain: 'POST, OPTIONS', refresh: 'POST, OPTIONS', service: 'POST, OPTIONS', task: 'GET, HEAD, OPTIONS' };

/** The route label for logs: the path pattern, never ids or query strings. */
export const routeLabel = (path: string): string => (ROUTES.has(path) ? `/api/v3${path}` : 'unknown');

/** DRF CharField checks for the token serializers. */
function requiredText(body: ParsedBody, names: string[]): Record<string, string> {
  const errors: Record<string, string[]> = {};
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = bodyValue(body, name);
    if (value === undefined || value === null) errors[name] = ['This field is required.'];
    else if (typeof value !== 'string' && typeof value !== 'number') errors[name] = ['Not a valid string.'];
    else if (String(value) === '') errors[name] = ['This field may not be blank.'];
    else values[name] = String(value);
  }
  if (Object.keys(errors).length > 0) throw new HttpError(400, errors);
  return values;
}

function options(res: ServerResponse, route: Route, allow: string): void {
  const name = route.kind === 'service' ? route.service : route.kind;
  sendJson(res, 200, { name, description: '', renders: ['application/json'], parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] }, { Allow: allow });
}

async function authenticate(req: IncomingMessage, ctx: ApiContext): Promise<number> {
  try {
    return await ctx.tokens.authenticate(req.headers.authorization);
  } catch (error) {
    ctx.stats.rejectedAuth += 1;
    throw error;
  }
}

export async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, url: URL, ctx: ApiContext): Promise<void> {
  const method = req.method ?? 'GET';
  const route = ROUTES.get(path);
  if (!route) {
    if (!path.endsWith('/') && ROUTES.has(`${path}/`) && (method === 'GET' || method === 'HEAD')) {
      res.writeHead(301, { Location: `/api/v3${path}/${url.search}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    throw notFoundPage();
  }
  const allow = ALLOW[route.kind];
  const reply = (status: number, body: unknown) => sendJson(res, status, body, { Allow: allow });

  if (route.kind === 'obtain' || route.kind === 'refresh') {
    if (method === 'OPTIONS') return options(res, route, allow);
    if (method !== 'POST') throw methodNotAllowed(method, allow);
    const body = await readBody(req, ctx.maxUploadBytes);
    if (route.kind === 'obtain') {
      const { username, password } = requiredText(body, ['username', 'password']);
      return reply(200, await ctx.tokens.obtain(username!, password!));
    }
    const { refresh } = requiredText(body, ['refresh']);
    const pair = await ctx.tokens.refresh(refresh!);
    // simplejwt's refresh view answers access first, then the rotated refresh.
    return reply(200, { access: pair.access, refresh: pair.refresh });
  }

  const user = await authenticate(req, ctx);
  if (method === 'OPTIONS') return options(res, route, allow);

  if (route.kind === 'task') {
    if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method, allow);
    const id = url.searchParams.get('id');
    if (id === null || id.trim() === '') throw new HttpError(400, { id: ['This field is required.'] });
    ctx.stats.taskGets += 1;
    const envelope = ctx.tasks.envelope(id.trim(), user);
    if (!envelope) throw drfNotFound();
    return reply(200, envelope);
  }

  if (method !== 'POST') throw methodNotAllowed(method, allow);
  // A full queue refuses before reading the body, so nothing ran and the client may retry.
  if (!ctx.tasks.hasRoom()) throw unavailablePage(2);
  const body = await readBody(req, ctx.maxUploadBytes);
  const validation = validateServiceRequest(route.service, body);
  if (!validation.ok) throw new HttpError(400, validation.errors, { headers: { Allow: allow } });
  if (!ctx.tasks.hasRoom()) throw unavailablePage(2);
  const service = route.service;
  const inputs = validation.inputs;
  const id = ctx.tasks.create(service, user, () => ctx.analyse(service, inputs));
  ctx.stats.posts[service] += 1;
  ctx.onTaskCreated?.(service, inputs.fields);
  return reply(200, { id });
}
