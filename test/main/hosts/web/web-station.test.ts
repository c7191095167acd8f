import { DEFAULT_SETTINGS } from '../../../../common/contract';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../../../common/csp';
import { silentLogger } from '../../../../main/core/logger';
import { createStationCore, type StationCore } from '../../../../main/core/station-core';
import { injectWebBridge, startWebStation, type WebStation } from '../../../../main/hosts/web/web-station';
import { exchangeLaunchLink, openBridge, type BrowserSession } from '../../../security/bridge-client';
import { signedInSession } from '../../../support/sign-in';

let core: StationCore;
let station: WebStation;
let origin: string;
let cookie: string;
let session: BrowserSession;
const printedLinks: string[] = [];

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the open socket, or the HTTP status that refused the upgrade; with this page's secret unless told otherwise. */
function openSocket(headers: Record<string, string>, pageSecret: string | null = session.pageSecret): Promise<WebSocket | number> {
  return openBridge(origin, pageSecret === null ? { headers } : { headers, pageSecret });
}

function nextFrame(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)));
}

beforeAll(async () => {
  const renderer = mkdtempSync(join(tmpdir(), 'station-web-renderer-'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><head><script type="module" src="./assets/app.js"></script></head><div id="root"></div>');
  writeFileSync(join(renderer, 'web-bridge.js'), '/* bridge */');
  // Signed in, as the page is once someone works at the desk (issue 15); these tests are about the transport.
  core = signedInSession(createStationCore({ dataDir: mkdtempSync(join(tmpdir(), 'station-web-data-')), log: silentLogger }));
  station = await startWebStation({ core, rendererDir: renderer, port: 0, log: silentLogger, onLaunchUrl: (url) => printedLinks.push(url) });
  origin = `http://127.0.0.1:${station.port}`;
  session = await exchangeLaunchLink(station.url);
  cookie = session.cookie;
});

afterAll(async () => {
  await station.close();
  await core.close();
});

describe('web station over loopback', () => {
  it('prints a 127.0.0.1 URL carrying a long random token', () => {
    expect(station.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('swaps the launch token for an expiring HttpOnly SameSite=Strict cookie and a page secret in the fragment', async () => {
    const reply = await get(new URL(station.url).pathname + new URL(station.url).search);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toMatch(/^\/#s=[A-Za-z0-9_-]{43}$/);
    expect(String(reply.headers['set-cookie'])).toMatch(new RegExp(`^station-${station.port}=[^;]+; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200$`));
  });

  it('spends each launch token once and announces the next link', async () => {
    const link = station.url;
    const before = printedLinks.length;
    expect((await get(new URL(link).pathname + new URL(link).search)).status).toBe(303);
    expect(station.url).not.toBe(link);
    expect(printedLinks.slice(before)).toEqual([station.url]);
    const again = await get(new URL(link).pathname + new URL(link).search);
    expect(again.status).toBe(401);
    expect(again.body).toMatch(/used already/);
  });

  it('refuses every path without the cookie, and a wrong token', async () => {
    for (const path of ['/', '/index.html', '/web-bridge.js', '/assets/app.js']) expect((await get(path)).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/', { cookie: `station-${station.port}=forged` })).status).toBe(401);
  });

  it('serves the page with the CSP and the bridge injected before the app script', async () => {
    const reply = await get('/', { cookie });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.body.indexOf('web-bridge.js')).toBeGreaterThan(-1);
    expect(reply.body.indexOf('web-bridge.js')).toBeLessThan(reply.body.indexOf('assets/app.js'));
  });

  it('refuses a foreign Host header (DNS rebinding) even with the cookie', async () => {
    expect((await get('/', { cookie, host: `evil.example:${station.port}` })).status).toBe(403);
  });

  it('refuses a foreign Origin even with the cookie', async () => {
    expect((await get('/', { cookie, origin: 'http://evil.example' })).status).toBe(403);
  });

  it('refuses path traversal with the cookie', async () => {
    expect((await get('/%2e%2e/%2e%2e/etc/passwd.js', { cookie })).status).toBe(404);
  });

  it('refuses a WebSocket without the cookie, with a foreign Origin, or with no Origin', async () => {
    expect(await openSocket({ origin })).toBe(403);
    expect(await openSocket({ origin: 'http://evil.example', cookie })).toBe(403);
    expect(await openSocket({ cookie })).toBe(403);
  });

  it('refuses a WebSocket with the cookie but without, or with a wrong, page secret', async () => {
    expect(await openSocket({ origin, cookie }, null)).toBe(403);
    expect(await openSocket({ origin, cookie }, 'x'.repeat(43))).toBe(403);
    const opened = await openSocket({ origin, cookie });
    expect(typeof opened).not.toBe('number');
    if (typeof opened !== 'number') {
      // The station answers with its protocol, never echoing the secret.
      expect(opened.protocol).toBe('progeny-station.v1');
      opened.close();
    }
  });

  it('answers contract operations over the WebSocket and validates them', async () => {
    const ws = await openSocket({ origin, cookie });
    if (typeof ws === 'number') throw new Error(`upgrade refused: ${ws}`);
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, operation: 'status:get' }));
    expect(await nextFrame(ws)).toMatchObject({
      kind: 'result',
      id: 1,
      result: {
        ok: true,
        value: {
          mode: 'training',
          signedIn: false,
          canRememberCredentials: false,
          store: 'unavailable',
          locked: false,
          accounts: null,
          operator: { name: 'Test Admin', role: 'administrator' },
          connectivity: 'unknown',
          queueSize: null,
          settingsRecoveredFrom: null,
        },
      },
    });
    ws.send(JSON.stringify({ kind: 'invoke', id: 2, operation: 'settings:update', payload: { language: 'xx' } }));
    expect(await nextFrame(ws)).toMatchObject({ id: 2, result: { ok: false, error: { code: 'invalid-request' } } });
    ws.send('not json');
    expect(await nextFrame(ws)).toMatchObject({ kind: 'protocol-error' });
    ws.send(JSON.stringify({ kind: 'invoke', operation: 'status:get' }));
    expect(await nextFrame(ws)).toMatchObject({ kind: 'protocol-error' });
    ws.send(JSON.stringify({ kind: 'invoke', id: 3, operation: 'fs:read', payload: '/etc/passwd' }));
    expect(await nextFrame(ws)).toMatchObject({ id: 3, result: { ok: false, error: { code: 'unknown-operation' } } });
    ws.close();
  });

  it('pushes events to connected browsers', async () => {
    const ws = await openSocket({ origin, cookie });
    if (typeof ws === 'number') throw new Error(`upgrade refused: ${ws}`);
    const frames: Array<Record<string, unknown>> = [];
    ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
    ws.send(JSON.stringify({ kind: 'invoke', id: 7, operation: 'settings:update', payload: { language: 'ar' } }));
    // The answer, settings:changed and status:changed (the status bar follows settings).
    await expect.poll(() => frames.length).toBe(3);
    expect(frames).toContainEqual({ kind: 'event', event: 'settings:changed', payload: { ...DEFAULT_SETTINGS, language: 'ar' } });
    ws.close();
  });

  it('drops a connection that sends an oversized message, and keeps serving others', async () => {
    const ws = await openSocket({ origin, cookie });
    if (typeof ws === 'number') throw new Error(`upgrade refused: ${ws}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, operation: 'status:get', payload: 'x'.repeat(33 * 1024 * 1024) }));
    expect(await closed).toBe(1009);
    expect((await get('/', { cookie })).status).toBe(200);
  });
});

describe('injectWebBridge', () => {
  it('refuses a page with no script to run before', () => {
    expect(() => injectWebBridge('<html></html>')).toThrow(/no <script>/);
  });
});
