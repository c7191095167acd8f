import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { signIn } from './operator';
import { expect, test } from './station-fixture';

/** Upgrade outcome: 'open' or the HTTP status that refused it; with a page secret when given one, as the page offers it. */
function tryBridge(origin: string, headers: Record<string, string>, pageSecret?: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const url = `${origin.replace('http', 'ws')}/bridge`;
    const ws = pageSecret === undefined ? new WebSocket(url, { headers }) : new WebSocket(url, ['progeny-station.v1', `station-page.${pageSecret}`], { headers });
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

/** The page secret the bridge script keeps in this tab's sessionStorage. */
async function pageSecret(page: Page): Promise<string> {
  // The Node typecheck has no DOM: the page's own sessionStorage, typed by hand.
  const secret = await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('station-page-secret'));
  if (!secret) throw new Error('the page holds no page secret');
  return secret;
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

  test('a launch link opens one page: used again, even in the same browser, it is refused', async ({ page, station }) => {
    const link = await station.launchUrl();
    await page.goto(link);
    await signIn(page);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    const again = await page.context().newPage();
    const response = await again.goto(link);
    expect(response?.status()).toBe(401);
    await expect(again.getByText(/used already/)).toBeVisible();
    // The station printed the next link, and it works.
    await again.goto(await station.launchUrl());
    await expect(again.getByRole('navigation', { name: 'Main' })).toBeVisible();
  });

  test('refuses a foreign Origin even with a valid session', async ({ page, request, station }) => {
    const cookie = await sessionCookie(page, await station.launchUrl());
    expect((await request.get(`${station.origin}/`, { headers: { cookie } })).status()).toBe(200);
    expect((await request.get(`${station.origin}/`, { headers: { cookie, origin: 'http://evil.example' } })).status()).toBe(403);
  });

  test('refuses a Host that is not the station (DNS rebinding)', async ({ page, request, station }) => {
    const cookie = await sessionCookie(page, await station.launchUrl());
    const reply = await request.get(`${station.origin}/`, { headers: { cookie, host: `rebind.evil.example:${station.port}` } });
    expect(reply.status()).toBe(403);
  });
});

test.describe('WebSocket', () => {
  test('refuses the bridge without the session cookie', async ({ station }) => {
    expect(await tryBridge(station.origin, { origin: station.origin })).toBe(403);
  });

  test('refuses the bridge from a foreign Origin even with the cookie and the page secret', async ({ page, station }) => {
    const cookie = await sessionCookie(page, await station.launchUrl());
    const secret = await pageSecret(page);
    expect(await tryBridge(station.origin, { origin: station.origin, cookie }, secret)).toBe('open');
    expect(await tryBridge(station.origin, { origin: 'http://evil.example', cookie }, secret)).toBe(403);
  });

  test('the cookie alone does not open the bridge; the page secret stays out of the address bar and the cookie jar', async ({ page, station }) => {
    const cookie = await sessionCookie(page, await station.launchUrl());
    await expect(page).toHaveURL(`${station.origin}/`);
    const secret = await pageSecret(page);
    expect(cookie).not.toContain(secret);
    // What another server on 127.0.0.1 learns from the browser is the cookie: not enough.
    expect(await tryBridge(station.origin, { origin: station.origin, cookie })).toBe(403);
    expect(await tryBridge(station.origin, { origin: station.origin, cookie }, 'A'.repeat(43))).toBe(403);
    // A reload of the same tab keeps working: the secret lives in the tab's sessionStorage.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Who is working?' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a tab opened on the station address without a launch link tells the operator to open a new link', async ({ page, station }) => {
    await page.goto(await station.launchUrl());
    await signIn(page);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    // Same browser, so the cookie fetches the page; but a new tab has no page secret.
    const other = await page.context().newPage();
    await other.goto(`${station.origin}/`);
    await expect(other.getByRole('alert')).toContainText('This page’s session with the station has ended. Open the newest “Open:” link printed by the station');
    await expect(other.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  });

  test('a page from another local origin cannot reach the bridge in a real browser', async ({ page, station }) => {
    await sessionCookie(page, await station.launchUrl());
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
