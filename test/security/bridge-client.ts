/**
 * A web station client as a test (or an attacker on this machine) writes one: plain HTTP requests
 * with any headers, and WebSockets to the bridge with any headers and subprotocols.
 */
import { request } from 'node:http';
import WebSocket from 'ws';
import { BRIDGE_SUBPROTOCOL, PAGE_SECRET_SUBPROTOCOL_PREFIX } from '../../common/bridge-protocol';

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpGet(url: string, headers: Record<string, string> = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What a browser holds after following a launch link: the cookie, and the page secret from the fragment. */
export interface BrowserSession {
  /** `name=value`, as a Cookie header carries it. */
  cookie: string;
  pageSecret: string;
}

/** Follows a launch link as the browser does; throws when the station refuses it. */
export async function exchangeLaunchLink(launchUrl: string): Promise<BrowserSession> {
  const reply = await httpGet(launchUrl);
  if (reply.status !== 303) throw new Error(`the launch link was refused: ${reply.status} ${reply.body.trim()}`);
  const fragment = new URL(String(reply.headers.location), launchUrl).hash.slice(1);
  const pageSecret = new URLSearchParams(fragment).get('s');
  if (!pageSecret) throw new Error(`the launch redirect carries no page secret: ${String(reply.headers.location)}`);
  return { cookie: String(reply.headers['set-cookie']).split(';')[0]!, pageSecret };
}

export const bridgeProtocols = (pageSecret: string) => [BRIDGE_SUBPROTOCOL, `${PAGE_SECRET_SUBPROTOCOL_PREFIX}${pageSecret}`];

export interface BridgeAttempt {
  headers?: Record<string, string>;
  /** Offered as the page secret next to the bridge protocol; omitted: no subprotocol at all. */
  pageSecret?: string;
}

/** Resolves with the open socket, or the HTTP status that refused the upgrade (0: the connection failed). */
export function openBridge(origin: string, { headers = {}, pageSecret }: BridgeAttempt): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const url = `${origin.replace('http', 'ws')}/bridge`;
    const ws = pageSecret === undefined ? new WebSocket(url, { headers }) : new WebSocket(url, bridgeProtocols(pageSecret), { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

/** An open bridge socket, or the test fails saying why not. */
export async function mustOpenBridge(origin: string, attempt: BridgeAttempt): Promise<WebSocket> {
  const ws = await openBridge(origin, attempt);
  if (typeof ws === 'number') throw new Error(`the bridge upgrade was refused: ${ws}`);
  return ws;
}

/** The next frame the station sends, parsed. */
export function nextFrame(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)));
}

/** Sends an invoke frame and resolves with the station's result frame for it (events are skipped). */
export function invoke(ws: WebSocket, id: number, operation: string, payload?: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      if (frame.kind !== 'result' || frame.id !== id) return;
      ws.off('message', onMessage);
      resolve(frame);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ kind: 'invoke', id, operation, payload }));
  });
}
