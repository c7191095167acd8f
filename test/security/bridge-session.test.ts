/**
 * Finding 4 of issue 12, as the attacker tries it. Browsers send a 127.0.0.1 cookie to every port,
 * so any other local server the operator's browser visits learns `station-<port>`; a local process
 * can then forge Host and Origin. The bridge must need more than that cookie; launch links must
 * work once; sessions must end; and nothing from one launch of the station may open another.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { silentLogger } from '../../main/core/logger';
import { createStationCore, type StationCore } from '../../main/core/station-core';
import { SESSION_LIFETIME_MS } from '../../main/hosts/web/web-auth';
import { startWebStation, type WebStation } from '../../main/hosts/web/web-station';
import { exchangeLaunchLink, httpGet, invoke, mustOpenBridge, openBridge } from './bridge-client';

const rendererDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'station-bridge-session-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><head><script type="module" src="./assets/app.js"></script></head><div id="root"></div>');
  return dir;
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function launchStation(options: { port?: number; now?: () => number } = {}): Promise<{ station: WebStation; core: StationCore; origin: string }> {
  const core = createStationCore({ dataDir: mkdtempSync(join(tmpdir(), 'station-bridge-session-data-')), log: silentLogger });
  const station = await startWebStation({ core, rendererDir: rendererDir(), port: options.port ?? 0, log: silentLogger, ...(options.now ? { now: options.now } : {}) });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await station.close();
    await core.close();
  };
  cleanups.push(close);
  return { station, core, origin: `http://127.0.0.1:${station.port}` };
}

/** Answers `status:get` on the socket, or says how the station closed it instead. */
function statusOrClose(ws: WebSocket): Promise<{ answered: boolean; closeCode: number | null }> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      // Events (another page closing locks the station, say) are not the answer.
      if ((JSON.parse(data.toString()) as { kind: string }).kind !== 'result') return;
      ws.off('message', onMessage);
      resolve({ answered: true, closeCode: null });
    };
    ws.on('message', onMessage);
    ws.once('close', (code) => resolve({ answered: false, closeCode: code }));
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, operation: 'status:get' }));
  });
}

describe('the web station bridge against a stolen cookie and old links (issue 12, finding 4)', () => {
  it('(a) a replayed session cookie with the right Host and Origin, but no page secret, does not open the bridge', async () => {
    const { station, origin } = await launchStation();
    const browser = await exchangeLaunchLink(station.url);
    // What a server on another port of 127.0.0.1 learns: the cookie, nothing from the fragment.
    const forged = { host: `127.0.0.1:${station.port}`, origin, cookie: browser.cookie };
    expect(await openBridge(origin, { headers: forged })).toBe(403);
    expect(await openBridge(origin, { headers: { ...forged, host: `localhost:${station.port}`, origin: `http://localhost:${station.port}` } })).toBe(403);
    // Guessing at a secret does not help either.
    expect(await openBridge(origin, { headers: forged, pageSecret: 'A'.repeat(43) })).toBe(403);
    // The secret is in no header a server receives: not in the cookie, not in the redirect's path.
    expect(browser.cookie).not.toContain(browser.pageSecret);
    // The real page, with its secret, is served.
    const page = await mustOpenBridge(origin, { headers: forged, pageSecret: browser.pageSecret });
    expect(await statusOrClose(page)).toEqual({ answered: true, closeCode: null });
    page.close();
  });

  it('(b) a spent launch link is refused: no second cookie, no second page secret', async () => {
    const { station, origin } = await launchStation();
    const link = station.url;
    await exchangeLaunchLink(link);
    const replay = await httpGet(link);
    expect(replay.status).toBe(401);
    expect(replay.headers['set-cookie']).toBeUndefined();
    expect(replay.headers.location).toBeUndefined();
    await expect(exchangeLaunchLink(link)).rejects.toThrow(/refused: 401/);
    // The operator is not locked out: the next printed link works, once.
    expect(station.url).not.toBe(link);
    const next = await exchangeLaunchLink(station.url);
    expect(typeof (await openBridge(origin, { headers: { origin, cookie: next.cookie }, pageSecret: next.pageSecret }))).toBe('object');
  });

  it('(c) an expired session: the cookie no longer fetches the page, the secret no longer opens the bridge, open sockets close', async () => {
    let now = Date.parse('2025-03-01T08:00:00Z');
    const { station, origin } = await launchStation({ now: () => now });
    const browser = await exchangeLaunchLink(station.url);
    const headers = { origin, cookie: browser.cookie };
    const open = await mustOpenBridge(origin, { headers, pageSecret: browser.pageSecret });
    now += SESSION_LIFETIME_MS - 1_000;
    expect((await httpGet(`${origin}/`, { cookie: browser.cookie })).status).toBe(200);
    expect(await statusOrClose(open)).toEqual({ answered: true, closeCode: null });

    now += 1_000;
    expect((await httpGet(`${origin}/`, { cookie: browser.cookie })).status).toBe(401);
    expect(await openBridge(origin, { headers, pageSecret: browser.pageSecret })).toBe(403);
    // The socket opened before the end gets no answer: the station closes it, saying why.
    expect(await statusOrClose(open)).toEqual({ answered: false, closeCode: 4401 });
  });

  it('(d) a page secret and cookie from one launch of the station open nothing on the next launch on the same port', async () => {
    const first = await launchStation();
    const old = await exchangeLaunchLink(first.station.url);
    const port = first.station.port;
    await cleanups.pop()!();

    const second = await launchStation({ port });
    const current = await exchangeLaunchLink(second.station.url);
    const origin = second.origin;
    // The attacker holds the old page's secret, and even the current cookie.
    expect(await openBridge(origin, { headers: { origin, cookie: current.cookie }, pageSecret: old.pageSecret })).toBe(403);
    expect(await openBridge(origin, { headers: { origin, cookie: old.cookie }, pageSecret: old.pageSecret })).toBe(403);
    const page = await mustOpenBridge(origin, { headers: { origin, cookie: current.cookie }, pageSecret: current.pageSecret });
    expect(await invoke(page, 5, 'status:get')).toMatchObject({ kind: 'result', id: 5, result: { ok: true } });
    page.close();
  });
});
