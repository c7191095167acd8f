import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDurationHistory } from '../../../../main/core/progeny/poll-schedule';
import { createProgenyClient } from '../../../../main/core/progeny/progeny-client';
import { createProgenyHttp } from '../../../../main/core/progeny/progeny-http';
import { createTokenManager, fixedCredentials } from '../../../../main/core/progeny/token-manager';
import { html, json, jwt, resetAfterBody, stall, startFaultServer, text, type FaultServer } from './fault-server';

let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer();
  server.on('/accounts/token/obtain/', json(200, { access: await jwt('access', 300), refresh: await jwt('refresh', 86400) }));
});
afterEach(() => server.close());

const selfie = { image: { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), filename: 'selfie.jpg', contentType: 'image/jpeg' } };
function client(options: { responseTimeoutMs?: number; pollDeadlineMs?: number } = {}) {
  const http = createProgenyHttp({ baseUrl: server.baseUrl, responseTimeoutMs: options.responseTimeoutMs ?? 5000 });
  return createProgenyClient({ http, tokens: createTokenManager({ http, credentials: fixedCredentials({ username: 'u', password: 'p' }) }), pollDeadlineMs: options.pollDeadlineMs ?? 20_000 });
}
const posts = () => server.seen.filter((s) => s.path.endsWith('/face_liveness/'));

describe('submit', () => {
  it('posts multipart with the bearer token and extend_data, and returns the task id', async () => {
    server.on('/services/face_liveness/', json(200, { id: 'f22a63b1-7d05-4bf1-9633-a623a2799c22' }));
    expect(await client().submit('face_liveness', { files: selfie })).toEqual({ kind: 'submitted', taskId: 'f22a63b1-7d05-4bf1-9633-a623a2799c22' });
    const post = posts()[0]!;
    expect(post.authorization).toMatch(/^Bearer ey/);
    expect(post.body).toMatch(/name="image"; filename="selfie.jpg"/);
    expect(post.body).toMatch(/name="extend_data"\r\n\r\nfalse/);
  });

  it('renews once on a 401 and retries once', async () => {
    server.on('/accounts/token/refresh/', json(200, { access: await jwt('access', 300), refresh: await jwt('refresh', 86400) }));
    server.on('/services/face_liveness/', json(401, { detail: 'Given token not valid for any token type', code: 'token_not_valid' }), json(200, { id: 'task-2' }));
    expect(await client().submit('face_liveness', { files: selfie })).toEqual({ kind: 'submitted', taskId: 'task-2' });
    expect(posts()).toHaveLength(2);
    expect(posts()[0]!.authorization).not.toBe(posts()[1]!.authorization);
  });

  it('maps a 400 to the form fields', async () => {
    server.on('/services/face_liveness/', json(400, { image: ['The submitted data was not a file. Check the encoding type on the form.'] }));
    expect(await client().submit('face_liveness', { files: selfie })).toMatchObject({
      kind: 'rejected',
      fields: { image: ['The submitted data was not a file. Check the encoding type on the form.'] },
    });
  });

  it('marks a reset after the body was sent as uncertain, never a silent retry', async () => {
    server.on('/services/face_liveness/', resetAfterBody);
    const outcome = await client().submit('face_liveness', { files: selfie });
    expect(outcome).toMatchObject({ kind: 'uncertain', error: { sent: 'maybe', retry: 'automatic' } });
    expect(posts()).toHaveLength(1);
  });

  it('marks a response timeout after the body as uncertain', async () => {
    server.on('/services/face_liveness/', stall);
    expect(await client({ responseTimeoutMs: 300 }).submit('face_liveness', { files: selfie })).toMatchObject({ kind: 'uncertain', error: { kind: 'timeout', sent: 'maybe' } });
  });

  it('marks an HTML 500 as uncertain with a readable message', async () => {
    server.on('/services/face_liveness/', html(500));
    const outcome = await client().submit('face_liveness', { files: selfie });
    expect(outcome).toMatchObject({ kind: 'uncertain', error: { kind: 'server-error', details: { status: 500 } } });
    if (outcome.kind === 'uncertain') expect(outcome.error.message).toMatch(/Server Error \(500\)/);
  });

  it('treats 503 and 429 as certainly not created, with Retry-After', async () => {
    server.on('/services/face_liveness/', html(503, { 'retry-after': '7' }), json(429, { detail: 'Request was throttled.' }, { 'retry-after': '2' }));
    expect(await client().submit('face_liveness', { files: selfie })).toMatchObject({ kind: 'failed', error: { retry: 'automatic', sent: 'no', details: { retryAfterMs: 7000 } } });
    expect(await client().submit('face_liveness', { files: selfie })).toMatchObject({ kind: 'failed', error: { kind: 'rate-limited', details: { retryAfterMs: 2000 } } });
  });

  it.each([
    ['an HTML 413 from a proxy', html(413), 'client-error', /too large/],
    ['a JSON 404', json(404, { detail: 'Not found.' }), 'client-error', /server URL/],
    ['a JSON 403', json(403, { detail: 'You do not have permission to perform this action.' }), 'auth', /refused the station's session/],
  ])('treats %s as refused: certainly no task, not uncertain', async (_label, refusal, kind, message) => {
    server.on('/services/face_liveness/', refusal);
    const outcome = await client().submit('face_liveness', { files: selfie });
    expect(outcome).toMatchObject({ kind: 'refused', error: { kind } });
    if (outcome.kind === 'refused') expect(outcome.error.message).toMatch(message);
    expect(posts()).toHaveLength(1);
  });

  it('treats a second 401, after renewing, as refused for the session', async () => {
    server.on('/accounts/token/refresh/', json(200, { access: await jwt('access', 300), refresh: await jwt('refresh', 86400) }));
    server.on('/services/face_liveness/', json(401, { detail: 'Given token not valid for any token type', code: 'token_not_valid' }));
    expect(await client().submit('face_liveness', { files: selfie })).toMatchObject({ kind: 'refused', error: { kind: 'auth', details: { status: 401 } } });
    expect(posts()).toHaveLength(2);
  });

  it('treats invalid JSON on a 200 as uncertain', async () => {
    server.on('/services/face_liveness/', text(200, '{"id": "trunc'));
    expect(await client().submit('face_liveness', { files: selfie })).toMatchObject({ kind: 'uncertain', error: { kind: 'invalid-response' } });
  });

  it('reports upload progress up to the whole body', async () => {
    server.on('/services/face_liveness/', json(200, { id: 'task-p' }));
    const big = { image: { bytes: new Uint8Array(300_000).fill(7), filename: 'big.jpg', contentType: 'image/jpeg' } };
    const progress: Array<[number, number | undefined]> = [];
    await client().submit('face_liveness', { files: big }, { onUploadProgress: (sent, total) => progress.push([sent, total]) });
    expect(progress.length).toBeGreaterThan(0);
    const [sent, total] = progress.at(-1)!;
    expect(total).toBeGreaterThan(300_000);
    expect(sent).toBe(total);
  });

  it('cancels a request in flight: cancelled, and uncertain once the body went out', async () => {
    server.on('/services/face_liveness/', stall);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const outcome = await client().submit('face_liveness', { files: selfie }, { signal: controller.signal });
    expect(outcome).toMatchObject({ kind: 'uncertain', error: { kind: 'cancelled', sent: 'maybe' } });
  });

  it('knows an unreachable server certainly did not get the request', async () => {
    await server.close();
    expect(await client().submit('face_liveness', { files: selfie })).toMatchObject({ kind: 'failed', error: { kind: 'offline', sent: 'no', retry: 'automatic' } });
  });

  it('knows a connection dropped on arrival never delivered the body', async () => {
    const dropping = await startFaultServer({ resetOnConnectFor: '' });
    const http = createProgenyHttp({ baseUrl: dropping.baseUrl });
    const tokens = { state: 'signed-in' as const, stats: { obtains: 0, refreshes: 0 }, accessToken: () => Promise.resolve('t'), rejected: () => undefined, reset: () => undefined };
    const outcome = await createProgenyClient({ http, tokens }).submit('face_liveness', { files: selfie });
    expect(outcome).toMatchObject({ kind: 'failed', error: { sent: 'no' } });
    await dropping.close();
  });
});

describe('poll', () => {
  const success = { id: 2182, status: 'SUCCESS', result: { status: 200, data: { liveness: { data: { score: 2.6, quality: 0.8, probability: 0.93 }, result: true } } } };

  it('keeps polling through PENDING, STARTED and unknown states until SUCCESS', async () => {
    server.on('/services/task/', json(200, { status: 'PENDING', result: null }), json(200, { status: 'STARTED' }), json(200, { status: 'SOMETHING_NEW' }), json(200, success));
    const outcome = await client().poll('face_liveness', 'abc');
    expect(outcome).toMatchObject({ kind: 'done', polls: 4, result: { verdict: 'verified' } });
    expect(server.seen.filter((s) => s.path.endsWith('/task/')).every((s) => s.authorization?.startsWith('Bearer '))).toBe(true);
  });

  it('reports a 404 as an unknown task, at once', async () => {
    server.on('/services/task/', json(404, { detail: 'Not found.' }));
    expect(await client().poll('face_liveness', 'abc')).toMatchObject({ kind: 'unknown-task', polls: 1 });
  });

  it('honours Retry-After on 429 and 503', async () => {
    server.on('/services/task/', json(429, { detail: 'throttled' }, { 'retry-after': '1' }), html(503, { 'retry-after': '1' }), json(200, success));
    const started = Date.now();
    expect(await client().poll('face_liveness', 'abc')).toMatchObject({ kind: 'done', polls: 3 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000 + 2000 - 50);
  });

  it('survives an HTML 500 and invalid JSON while polling', async () => {
    server.on('/services/task/', html(500), text(200, 'not json'), json(200, success));
    expect(await client().poll('face_liveness', 'abc')).toMatchObject({ kind: 'done', polls: 3 });
  });

  it('reports an HTML 404 as an unknown task', async () => {
    server.on('/services/task/', html(404));
    expect(await client().poll('face_liveness', 'abc')).toMatchObject({ kind: 'unknown-task', polls: 1 });
  });

  it('stops when cancelled while waiting for the next poll, as an outcome rather than a throw', async () => {
    server.on('/services/task/', json(200, { status: 'STARTED' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(await client().poll('face_liveness', 'abc', { signal: controller.signal })).toMatchObject({ kind: 'failed', error: { kind: 'cancelled' } });
  });

  it('hands the task to the operator after the deadline instead of dropping it', async () => {
    server.on('/services/task/', json(200, { status: 'STARTED' }));
    expect(await client({ pollDeadlineMs: 1500 }).poll('face_liveness', 'abc')).toMatchObject({ kind: 'waiting' });
  });

  it('learns typical durations and polls first near the expected finish', async () => {
    const history = createDurationHistory();
    for (const d of [3000, 3100, 2900, 3050]) history.record('face_liveness', d);
    server.on('/services/task/', json(200, success));
    const http = createProgenyHttp({ baseUrl: server.baseUrl });
    const waits: number[] = [];
    const c = createProgenyClient({
      http,
      tokens: createTokenManager({ http, credentials: fixedCredentials({ username: 'u', password: 'p' }) }),
      history,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    await c.poll('face_liveness', 'abc');
    expect(waits[0]).toBeGreaterThan(2900);
    expect(waits[0]).toBeLessThan(3200);
  });
});
