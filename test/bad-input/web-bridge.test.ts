/**
 * Bad frames on the web station's WebSocket bridge, against a whole station core: each gets a
 * specific answer (or, when oversized, the connection is dropped), other connections keep working,
 * and what was queued before is intact.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_BRIDGE_MESSAGE_BYTES } from '../../common/contract';
import { silentLogger } from '../../main/core/logger';
import { startWebStation, type WebStation } from '../../main/hosts/web/web-station';
import { fixture } from '../main/analysis/analysis-env';
import { bridgeProtocols, exchangeLaunchLink, type BrowserSession } from '../security/bridge-client';
import { openBadInputStation, selfieRequest, type BadInputStation } from './bad-input-station';

let station: BadInputStation;
let web: WebStation;
let origin: string;
let session: BrowserSession;
let nextId = 1;

beforeAll(async () => {
  const renderer = mkdtempSync(join(tmpdir(), 'station-bad-web-renderer-'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><head><script type="module" src="./assets/app.js"></script></head><div id="root"></div>');
  station = await openBadInputStation();
  await station.submitValid('before.jpg');
  web = await startWebStation({ core: station.core, rendererDir: renderer, port: 0, log: silentLogger });
  origin = `http://127.0.0.1:${web.port}`;
  session = await exchangeLaunchLink(web.url);
});
afterAll(async () => {
  await web.close();
  await station.close();
});

/** An open bridge connection that collects every frame the station sends. */
async function connect() {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge`, bridgeProtocols(session.pageSecret), { headers: { origin, cookie: session.cookie } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const frames: Array<Record<string, unknown>> = [];
  ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const answer = async (id: number) => {
    await expect.poll(() => frames.find((f) => f.kind === 'result' && f.id === id), { timeout: 10_000 }).toBeDefined();
    return frames.find((f) => f.kind === 'result' && f.id === id)!.result as { ok: boolean; value?: unknown; error?: { code: string; message: string; details?: Record<string, string> } };
  };
  const invoke = (operation: string, payload?: unknown) => {
    const id = nextId++;
    ws.send(JSON.stringify({ kind: 'invoke', id, operation, payload }));
    return answer(id);
  };
  const lastProtocolError = async () => {
    await expect.poll(() => frames.some((f) => f.kind === 'protocol-error')).toBe(true);
    const index = frames.findIndex((f) => f.kind === 'protocol-error');
    return frames.splice(index, 1)[0]!.message as string;
  };
  return { ws, frames, closed, invoke, answer, lastProtocolError };
}

describe('the web station bridge with bad messages', () => {
  it('payloads that fail their schema: invalid-request naming the field, the connection stays usable', async () => {
    const bridge = await connect();
    const cases: Array<[string, unknown, string]> = [
      ['verification:submit', { ...selfieRequest(), service: 'passport_magic' }, 'service'],
      ['verification:submit', { ...selfieRequest(), files: { image: { filename: 'x.gif', contentType: 'image/gif', data: 'R0lGODlh' } } }, 'files.image.contentType'],
      ['verification:submit', { ...selfieRequest(), files: { image: { filename: '', contentType: 'image/jpeg', data: 'AAAA' } } }, 'files.image.filename'],
      ['queue:cancel', { id: '../../etc/passwd' }, 'id'],
      ['history:image', { id: '0b6c5d7e-3f1a-4c2b-9d8e-7f6a5b4c3d2e', blobId: 'x'.repeat(500) }, 'blobId'],
      ['settings:update', { serverUrl: 'http://evil.example/api/v3' }, 'serverUrl'],
    ];
    for (const [operation, payload, field] of cases) {
      const result = await bridge.invoke(operation, payload);
      expect(result, `${operation} ${field}`).toMatchObject({ ok: false, error: { code: 'invalid-request', details: { field } } });
      expect(result.error!.message).toContain(`${operation}: ${field}:`);
    }
    expect(await bridge.invoke('status:get')).toMatchObject({ ok: true });
    bridge.ws.close();
  });

  it('a hostile file inside a valid frame: input-rejected naming the problem', async () => {
    const bridge = await connect();
    const result = await bridge.invoke('verification:submit', selfieRequest('x.jpg', fixture('hostile-script.svg')));
    expect(result).toMatchObject({ ok: false, error: { code: 'input-rejected', details: { field: 'image' } } });
    expect(result.error!.message).toMatch(/SVG drawing/);
    bridge.ws.close();
  });

  it('frames that are not bridge frames: a protocol error or an answer on their id, never silence', async () => {
    const bridge = await connect();
    bridge.ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true });
    expect(await bridge.lastProtocolError()).toBe('Bridge frames must be JSON text.');
    bridge.ws.send('{"kind":"invoke","id":"one","operation":"status:get"}');
    expect(await bridge.lastProtocolError()).toMatch(/^Bridge frame rejected: id: /);
    bridge.ws.send(JSON.stringify({ kind: 'invoke', id: 9_001, operation: 'x'.repeat(65) }));
    expect(await bridge.answer(9_001)).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/^Bridge frame rejected: operation: /) } });
    bridge.ws.send(JSON.stringify({ kind: 'subscribe', id: 9_002, operation: 'status:get' }));
    expect(await bridge.answer(9_002)).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/^Bridge frame rejected: kind: /) } });
    expect(await bridge.invoke('status:get')).toMatchObject({ ok: true });
    bridge.ws.close();
  });

  it('an oversized message: that connection is dropped, another keeps working, nothing queued is lost', async () => {
    const bystander = await connect();
    const sender = await connect();
    sender.ws.send(JSON.stringify({ kind: 'invoke', id: 1, operation: 'verification:submit', payload: selfieRequest('big.jpg', Buffer.alloc(MAX_BRIDGE_MESSAGE_BYTES, 0xff)) }));
    expect(await sender.closed).toBe(1009);
    expect(await bystander.invoke('status:get')).toMatchObject({ ok: true });
    const fresh = await connect();
    expect(await fresh.invoke('verification:submit', selfieRequest('after.jpg'))).toMatchObject({ ok: true });
    await station.expectQueuedIntact();
    expect(station.core.queue!.queue.list()).toHaveLength(2);
    bystander.ws.close();
    fresh.ws.close();
  });
});
