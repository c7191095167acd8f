/**
 * A programmable HTTP server over loopback for the client's fault tests: each test says how the
 * next requests are answered (JSON, HTML, a stall, a reset before or after the body…).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';

export type Behaviour = (req: IncomingMessage & { body: Buffer }, res: ServerResponse) => void;

export interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

export interface FaultServer {
  baseUrl: string;
  seen: Seen[];
  /** Answers for requests to `path` (prefix match), used in order; the last one repeats. */
  on(path: string, ...behaviours: Behaviour[]): void;
  close(): Promise<void>;
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
export const html =
  (status: number, headers: Record<string, string> = {}): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html', ...headers });
    res.end('<html><body><h1>Server Error (500)</h1></body></html>');
  };
export const text =
  (status: number, body: string): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  };
/** Reads the whole request, then drops the connection without answering. */
export const resetAfterBody: Behaviour = (req) => req.socket.destroy();
/** Never answers. */
export const stall: Behaviour = () => undefined;

const secret = new TextEncoder().encode('fault-server-secret-0123456789abcdef');
export async function jwt(type: 'access' | 'refresh', lifetimeSeconds: number, jti = Math.random().toString(16).slice(2)): Promise<string> {
  return new SignJWT({ token_type: type, jti, user_id: 41 })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds)
    .sign(secret);
}

export async function startFaultServer(options: { resetOnConnectFor?: string } = {}): Promise<FaultServer> {
  const routes = new Map<string, Behaviour[]>();
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body: body.toString('latin1') });
      const key = [...routes.keys()].filter((k) => path.startsWith(k)).sort((a, b) => b.length - a.length)[0];
      const list = key ? routes.get(key)! : [];
      const behaviour = list.length > 1 ? list.shift()! : list[0];
      if (!behaviour) return json(404, { detail: 'Not found.' })(Object.assign(req, { body }), res);
      behaviour(Object.assign(req, { body }), res);
    });
  });
  // Drop connections the moment they arrive: the request body can never have been read.
  if (options.resetOnConnectFor !== undefined) server.on('connection', (socket) => socket.destroy());
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v3`,
    seen,
    on(path, ...behaviours) {
      routes.set(`/api/v3${path}`, behaviours);
    },
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
