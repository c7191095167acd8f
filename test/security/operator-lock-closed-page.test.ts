import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BRIDGE_SUBPROTOCOL, PAGE_SECRET_SUBPROTOCOL_PREFIX } from '../../common/bridge-protocol';
import { silentLogger } from '../../main/core/logger';
import type { StationCore } from '../../main/core/station-core';
import { startWebStation, type WebStation } from '../../main/hosts/web/web-station';
import { ADMIN, newDataDir, PIN, stationWithStore } from './operator-lock-support';

// Finding 1 (web half): closing the page left the station unlocked, so the address reopened from the
// browser's history (or a tab restored with its session) showed the history again.
let core: StationCore | null = null;
let web: WebStation | null = null;
afterEach(async () => {
  await web?.close();
  await core?.close();
  web = null;
  core = null;
});

async function startWeb(): Promise<WebStation> {
  const renderer = mkdtempSync(join(tmpdir(), 'station-lock-renderer-'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><head><script type="module" src="./assets/app.js"></script></head><div id="root"></div>');
  core = stationWithStore(newDataDir());
  return startWebStation({ core, rendererDir: renderer, port: 0, log: silentLogger });
}

/** What the page does: spend the launch link, keep the cookie and the page secret, open the bridge. */
async function openPage(station: WebStation) {
  const origin = `http://127.0.0.1:${station.port}`;
  const launch = await new Promise<{ cookie: string; location: string }>((resolve, reject) => {
    request(station.url, (res) => {
      res.resume();
      resolve({ cookie: String(res.headers['set-cookie']).split(';')[0]!, location: String(res.headers.location) });
    })
      .on('error', reject)
      .end();
  });
  const secret = new URLSearchParams(launch.location.split('#')[1] ?? '').get('s') ?? '';
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge`, [BRIDGE_SUBPROTOCOL, `${PAGE_SECRET_SUBPROTOCOL_PREFIX}${secret}`], { headers: { origin, cookie: launch.cookie } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const invoke = (operation: string, payload?: unknown) =>
    new Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>((resolve) => {
      const mine = (id += 1);
      const onMessage = (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as { kind: string; id?: number; result?: never };
        if (frame.kind === 'result' && frame.id === mine) {
          ws.off('message', onMessage);
          resolve(frame.result!);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ kind: 'invoke', id: mine, operation, payload }));
    });
  const close = () => new Promise((resolve) => (ws.once('close', resolve), ws.close()));
  return { invoke, close };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('attacker reopens the closed station page', () => {
  it('closing the last page ends the session; the reopened page meets "Who is working?"', async () => {
    web = await startWeb();
    const first = await openPage(web);
    expect(await first.invoke('account:create-first', { name: ADMIN, secret: PIN })).toMatchObject({ ok: true });
    const second = await openPage(web);
    await first.close();
    await settle();
    // Another page is still open: the operator is still there.
    expect(core!.status.get().locked).toBe(false);
    await second.close();
    await settle();
    expect(core!.status.get()).toMatchObject({ locked: true, operator: null });

    const reopened = await openPage(web);
    expect(await reopened.invoke('history:search', {})).toMatchObject({ ok: false, error: { code: 'station-locked' } });
    // The first-start path is closed for good once an administrator exists.
    expect(await reopened.invoke('account:create-first', { name: 'Mallory', secret: '999999' })).toMatchObject({ ok: false });
    expect(await reopened.invoke('account:sign-in', { name: ADMIN, secret: '000000' })).toMatchObject({ ok: false, error: { code: 'sign-in-refused' } });
    expect(await reopened.invoke('account:sign-in', { name: ADMIN, secret: PIN })).toMatchObject({ ok: true, value: { name: ADMIN, role: 'administrator' } });
    await reopened.close();
  });
});
