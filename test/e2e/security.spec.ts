import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { expect, test } from './station-fixture';

/** Upgrade outcome: 'open' or the HTTP status that refused it. */
function tryBridge(origin: string, headers: Record<string, string>): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

async function sessionCookie(page: Page, url: string): Promise<string> {
  await page.goto(url);
  const cookies = await page.context().cookies();
  const cookie = cookies.find((c) => c.name.startsWith('station-'));
  if (!cookie) throw new Error('no station cookie was set');
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe('Strict');
  return `${cookie.name}=${cookie.value}`;
}

test.describe('HTTP', () => {
  test('refuses the page without the token, in the browser too', async ({ page, request, station }) => {
    const reply = await request.get(`${station.origin}/`);
    expect(reply.status()).toBe(401);
    expect(await reply.text()).toContain('station web');
    const response = await page.goto(`${station.origin}/`);
    expect(response?.status()).toBe(401);
    await expect(page.getByRole('navigation')).toHaveCount(0);
  });

  test('refuses a wrong token', async ({ request, station }) => {
    expect((await request.get(`${station.origin}/?token=not-the-token`, { maxRedirects: 0 })).status()).toBe(401);
  });

  test('refuses a foreign Origin even with a valid session', async ({ page, request, station }) => {
    const cookie = await sessionCookie(page, station.url);
    expect((await request.get(`${station.origin}/`, { headers: { cookie } })).status()).toBe(200);
    expect((await request.get(`${station.origin}/`, { headers: { cookie, origin: 'http://evil.example' } })).status()).toBe(403);
  });

  test('refuses a Host that is not the station (DNS rebinding)', async ({ page, request, station }) => {
    const cookie = await sessionCookie(page, station.url);
    const reply = await request.get(`${station.origin}/`, { headers: { cookie, host: `rebind.evil.example:${station.port}` } });
    expect(reply.status()).toBe(403);
  });
});

test.describe('WebSocket', () => {
  test('refuses the bridge without the session cookie', async ({ station }) => {
    expect(await tryBridge(station.origin, { origin: station.origin })).toBe(403);
  });

  test('refuses the bridge from a foreign Origin even with the cookie', async ({ page, station }) => {
    const cookie = await sessionCookie(page, station.url);
    expect(await tryBridge(station.origin, { origin: station.origin, cookie })).toBe('open');
    expect(await tryBridge(station.origin, { origin: 'http://evil.example', cookie })).toBe(403);
  });

  test('a page from another local origin cannot reach the bridge in a real browser', async ({ page, station }) => {
    await sessionCookie(page, station.url);
    // Same site (127.0.0.1) but another port: SameSite lets the cookie through, the Origin check must not.
    const attacker: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>attacker</title>');
    });
    await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
    try {
      await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
      const outcome = await page.evaluate(
        (bridgeUrl) =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(bridgeUrl);
            ws.onopen = () => resolve('open');
            ws.onerror = () => resolve('refused');
          }),
        `ws://127.0.0.1:${station.port}/bridge`,
      );
      expect(outcome).toBe('refused');
    } finally {
      attacker.close();
    }
  });
});
