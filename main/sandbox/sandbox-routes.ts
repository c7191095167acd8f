/**
 * The API under /api/v3, in the order a DRF view handles a request: authentication first (services
 * and tasks only), then the method (405), then the body (413/415/400), then validation. Paths come
 * from the route table (documented spellings, respelled by quirks); replies from the docs' examples.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { drfNotFound, HttpError, methodNotAllowed, notFoundPage, sendJson, unavailablePage } from './http-replies';
import { TOKEN_OBTAIN_FIELDS, TOKEN_REFRESH_FIELDS, type SandboxService } from './progeny-api-spec';
import { bodyValue, readBody, type ParsedBody } from './request-body';
import { taskReply, unknownTaskReply, type SandboxQuirk } from './sandbox-quirks';
import type { Route, RouteTable } from './sandbox-route-table';
import type { TokenService } from './sandbox-tokens';
import type { TaskStore } from './sandbox-tasks';
import type { SandboxStats, TaskResult } from './sandbox-types';
import { validateServiceRequest, type ServiceInputs } from './service-validation';

export interface ApiContext {
  routes: RouteTable;
  quirks: ReadonlySet<SandboxQuirk>;
  tokens: TokenService;
  tasks: TaskStore;
  stats: SandboxStats;
  maxUploadBytes: number;
  analyse(service: SandboxService, inputs: ServiceInputs): Promise<TaskResult>;
  onTaskCreated?: ((service: SandboxService, fields: Readonly<Record<string, string>>) => void) | undefined;
}

const ALLOW: Record<Route['kind'], string> = { obtain: 'POST, OPTIONS', refresh: 'POST, OPTIONS', service: 'POST, OPTIONS', task: 'GET, HEAD, OPTIONS' };

/** DRF CharField checks for the token serializers. */
function requiredText(body: ParsedBody, names: readonly string[]): Record<string, string> {
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
  const resolved = ctx.routes.resolve(path, method);
  if (resolved.kind === 'redirect') {
    res.writeHead(resolved.status, { Location: `/api/v3${resolved.path}${url.search}`, 'Content-Length': 0 });
    res.end();
    return;
  }
  if (resolved.kind === 'none') throw notFoundPage();
  const route = resolved.route;
  const allow = ALLOW[route.kind];
  const reply = (status: number, body: unknown) => sendJson(res, status, body, { Allow: allow });

  if (route.kind === 'obtain' || route.kind === 'refresh') {
    if (method === 'OPTIONS') return options(res, route, allow);
    if (method !== 'POST') throw methodNotAllowed(method, allow);
    const body = await readBody(req, ctx.maxUploadBytes);
    if (route.kind === 'obtain') {
      const { username, password } = requiredText(body, TOKEN_OBTAIN_FIELDS);
      return reply(200, await ctx.tokens.obtain(username!, password!));
    }
    const { refresh } = requiredText(body, TOKEN_REFRESH_FIELDS);
    const renewed = await ctx.tokens.refresh(refresh!);
    // simplejwt's refresh view answers access first, then the rotated refresh (when it rotates).
    return reply(200, renewed.refresh === null ? { access: renewed.access } : { access: renewed.access, refresh: renewed.refresh });
  }

  const user = await authenticate(req, ctx);
  if (method === 'OPTIONS') return options(res, route, allow);

  if (route.kind === 'task') {
    if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method, allow);
    const id = url.searchParams.get('id');
    if (id === null || id.trim() === '') throw new HttpError(400, { id: ['This field is required.'] });
    ctx.stats.taskGets += 1;
    const view = ctx.tasks.view(id.trim(), user);
    if (!view) {
      if (!ctx.quirks.has('unknown-task-pending')) throw drfNotFound();
      const pending = unknownTaskReply(id.trim(), ctx.quirks);
      return reply(pending.status, pending.body);
    }
    const answer = taskReply(view.envelope, ctx.quirks, view.progress);
    return reply(answer.status, answer.body);
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
