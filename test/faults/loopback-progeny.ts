/**
 * A scripted Progeny look-alike on 127.0.0.1 for the fault suite. Each route plays a list of steps
 * (the last one repeats), and the server counts, per verification, what it really received: a POST
 * whose body it read, and a task it created. A step can act before the body is read, which no
 * client can tell apart from a server that never saw the request.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { SignJWT } from 'jose';

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** The verification a POST is about (its fullname field, else its file name); null for a GET. */
  item: string | null;
}

export interface Step {
  (exchange: Exchange, server: LoopbackProgeny): void;
  /** Acts on the headers alone: the body is never read. */
  beforeBody?: true;
}

export interface LoopbackProgeny {
  baseUrl: string;
  /** Replaces what `path` (under /api/v3) answers; steps are used in order and the last repeats. */
  script(path: string, ...steps: Step[]): void;
  /** POSTs whose whole body this server read, by item. */
  seen: Map<string, number>;
  /** Times (from the station's clock) at which each item's POST was read. */
  seenAt: Map<string, number[]>;
  /** Tasks this server created, by item. */
  tasks: Map<string, number>;
  /** The item each task id belongs to. */
  taskItems: Map<string, string>;
  /** Times (from the station's clock) at which task GETs arrived. */
  taskGets: number[];
  /** Requests that arrived on each path, read or not. */
  arrivals: Map<string, number>;
  close(): Promise<void>;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const itemOf = (body: string): string | null => /name="fullname"\r\n\r\n([^\r]*)/.exec(body)?.[1] ?? /filename="([^"]*)"/.exec(body)?.[1] ?? null;

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  ({ res }) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

/** What a proxy or a crashed Django answers: an HTML page. */
export const page =
  (status: number, title: string, headers: Record<string, string> = {}): Step =>
  ({ res }) => {
    res.writeHead(status, { 'content-type': 'text/html', ...headers });
    res.end(`<!doctype html><html><body><h1>${title}</h1><p>nginx</p></body></html>`);
  };

/** A body that claims to be JSON and is not. */
export const brokenJson =
  (status: number): Step =>
  ({ res }) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end('{"id": "3f1c-trunc');
  };

/** Creates a task for the POST's item and answers its id, as Progeny does. */
export const accept: Step = (exchange, server) => {
  const id = randomUUID();
  if (exchange.item) {
    bump(server.tasks, exchange.item);
    server.taskItems.set(id, exchange.item);
  }
  json(200, { id })(exchange, server);
};

/** A task still running, in whatever words the server uses. */
export const running = (status: string): Step => json(200, { id: 7, status, result: null });

/** The finished background check of the task asked for (404 for a task this server never made). */
export const finished: Step = (exchange, server) => {
  const id = new URL(exchange.req.url ?? '/', 'http://x').searchParams.get('id') ?? '';
  if (!server.taskItems.has(id)) return json(404, { detail: 'Not found.' })(exchange, server);
  json(200, { id: 7, status: 'SUCCESS', result: { status: 200, data: { background_check: { potential_match: false, risk_level: 'low', total_matches: 0, hits: [] } } } })(exchange, server);
};

/** Answers as `step` does, after `ms`: a slow server, or a slow network. */
export const delayed =
  (ms: number, step: Step): Step =>
  (exchange, server) =>
    void setTimeout(() => step(exchange, server), ms);

/** Drops the connection as soon as the headers arrive: the body is never read. */
export const resetBeforeBody: Step = Object.assign(({ req }: Exchange) => void req.socket.destroy(), { beforeBody: true as const });
/** Reads the whole request, then drops the connection without a word. */
export const resetAfterBody: Step = ({ req }) => void req.socket.destroy();
/** Reads the request and never answers. */
export const stall: Step = () => undefined;

const secret = new TextEncoder().encode('loopback-progeny-secret-0123456789');
const token = (type: 'access' | 'refresh', seconds: number) =>
  new SignJWT({ token_type: type, jti: randomUUID(), user_id: 1 })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
    .sign(secret);

/** Signs the station in, like simplejwt's obtain and refresh views. */
export const signIn: Step = ({ res }) => {
  void Promise.all([token('access', 300), token('refresh', 86_400)]).then(([access, refresh]) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ access, refresh }));
  });
};

/** `now` is the station's clock, so waits the station honours can be measured on the server. */
export async function startLoopbackProgeny(now: () => number = Date.now): Promise<LoopbackProgeny> {
  const routes = new Map<string, Step[]>();
  const next = (path: string): Step | undefined => {
    const steps = routes.get(path);
    if (!steps || steps.length === 0) return undefined;
    return steps.length > 1 ? steps.shift() : steps[0];
  };
  const peek = (path: string): Step | undefined => routes.get(path)?.[0];

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/api\/v3/, '');
    bump(state.arrivals, path);
    if (peek(path)?.beforeBody) return next(path)!({ req, res, item: null }, state);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const item = req.method === 'POST' ? itemOf(Buffer.concat(chunks).toString('utf8')) : null;
      if (item && path.startsWith('/services/')) {
        bump(state.seen, item);
        state.seenAt.set(item, [...(state.seenAt.get(item) ?? []), now()]);
      }
      if (path === '/services/task/') state.taskGets.push(now());
      const step = next(path);
      if (!step) return json(404, { detail: 'Not found.' })({ req, res, item }, state);
      step({ req, res, item }, state);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const state: LoopbackProgeny = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`,
    script: (path, ...steps) => void routes.set(path, steps),
    seen: new Map(),
    seenAt: new Map(),
    tasks: new Map(),
    taskItems: new Map(),
    taskGets: [],
    arrivals: new Map(),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
  state.script('/accounts/token/obtain/', signIn);
  state.script('/accounts/token/refresh/', signIn);
  state.script('/services/task/', finished);
  return state;
}

/** A loopback API URL nothing listens on: requests are refused, so queued work stays queued. */
export async function unusedLoopbackUrl(): Promise<string> {
  const probe = createTcpServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return `http://127.0.0.1:${port}/api/v3`;
}
