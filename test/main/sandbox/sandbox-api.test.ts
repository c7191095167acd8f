/**
 * The sandbox's protocol over real HTTP (Node's fetch): tokens, authentication, validation,
 * routing, task states and faults. A stub engine keeps these fast; the real analysis is covered by
 * sandbox-services.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceObservation } from '../../../common/analysis/face';
import { startSandbox } from '../../../main/sandbox/sandbox-server';
import type { Sandbox, SandboxEngine } from '../../../main/sandbox/sandbox-types';

const START = Date.parse('2025-06-01T10:00:00Z');
let clock = START;
const now = () => clock;

/** Decodes without models: every image is a grey 640x480 picture with no face. */
function stubEngine(detect: () => Promise<FaceObservation[]> = () => Promise.resolve([])): SandboxEngine {
  return {
    decode: () => Promise.resolve({ width: 640, height: 480, channels: 3, data: new Uint8Array(640 * 480 * 3).fill(128) }),
    faces: { detect, similarity: () => 0 },
    mrz: { read: () => Promise.reject(new Error('no MRZ in the stub')) },
  };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'sandbox-api-'));
/** A tiny but complete JPEG header is enough: the stub engine decodes anything. */
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
  sandbox = await startSandbox({
    dataDir: tempDir(),
    analysis: stubEngine(),
    now,
    taskDurationMs: 3000,
    users: [
      { username: 'training', password: 'training' },
      { username: 'second', password: 'other' },
    ],
  });
  base = sandbox.baseUrl;
});
afterAll(() => sandbox.close());

/** Parsed JSON, loosely typed on purpose: the tests compare it with toEqual. */
type Json = ReturnType<typeof JSON.parse>;

interface Reply {
  status: number;
  body: Json;
  text: string;
  headers: Headers;
}

async function call(path: string, init: RequestInit = {}, origin = base): Promise<Reply> {
  const res = await fetch(`${origin}${path}`, { redirect: 'manual', ...init });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.status, body, text, headers: res.headers };
}

const form = (values: Record<string, string | Blob>) => {
  const fd = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string') fd.append(key, value);
    else fd.append(key, value, `${key}.jpg`);
  }
  return fd;
};
const json = (value: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(value), headers: { 'Content-Type': 'application/json' } });

async function obtain(username = 'training', password = 'training', origin = base): Promise<{ access: string; refresh: string }> {
  const reply = await call('/accounts/token/obtain/', { method: 'POST', body: form({ username, password }) }, origin);
  expect(reply.status).toBe(200);
  return reply.body as { access: string; refresh: string };
}

const bearer = (access: string) => ({ Authorization: `Bearer ${access}` });
const part = (jwt: string, index: number) => Buffer.from(jwt.split('.')[index]!, 'base64url').toString('utf8');
const claims = (jwt: string) => JSON.parse(part(jwt, 1)) as { token_type: string; exp: number; jti: string; user_id: number };
const header = (jwt: string) => JSON.parse(part(jwt, 0)) as Record<string, string>;

describe('POST /accounts/token/obtain/', () => {
  it('issues an HS256 access/refresh pair with simplejwt claims (multipart)', async () => {
    const pair = await obtain();
    expect(Object.keys(pair).sort()).toEqual(['access', 'refresh']);
    expect(header(pair.access)).toEqual({ typ: 'JWT', alg: 'HS256' });
    const access = claims(pair.access);
    const refresh = claims(pair.refresh);
    expect(access).toEqual({ token_type: 'access', exp: START / 1000 + 300, jti: expect.stringMatching(/^[0-9a-f]{32}$/), user_id: 1 });
    expect(refresh.token_type).toBe('refresh');
    expect(refresh.exp - access.exp).toBe(1_209_300);
  });

  it('accepts JSON and urlencoded bodies too', async () => {
    expect((await call('/accounts/token/obtain/', json({ username: 'training', password: 'training' }))).status).toBe(200);
    const urlencoded = await call('/accounts/token/obtain/', { method: 'POST', body: new URLSearchParams({ username: 'training', password: 'training' }) });
    expect(urlencoded.status).toBe(200);
  });

  it("refuses bad credentials with simplejwt's 401", async () => {
    const reply = await call('/accounts/token/obtain/', { method: 'POST', body: form({ username: 'training', password: 'wrong' }) });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ detail: 'No active account found with the given credentials' });
  });

  it('answers DRF field errors for missing or blank fields', async () => {
    expect((await call('/accounts/token/obtain/', { method: 'POST', body: form({ username: 'training' }) })).body).toEqual({ password: ['This field is required.'] });
    expect((await call('/accounts/token/obtain/', { method: 'POST' })).body).toEqual({ username: ['This field is required.'], password: ['This field is required.'] });
    expect((await call('/accounts/token/obtain/', json({ username: '', password: 'x' }))).body).toEqual({ username: ['This field may not be blank.'] });
  });

  it('answers DRF errors for bad JSON, other media types, non-object bodies and wrong methods', async () => {
    const bad = await call('/accounts/token/obtain/', { method: 'POST', body: '{"username":', headers: { 'Content-Type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^JSON parse error - /);
    const text = await call('/accounts/token/obtain/', { method: 'POST', body: 'hello', headers: { 'Content-Type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(text.body).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
    expect((await call('/accounts/token/obtain/', json([1, 2]))).body).toEqual({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
    const get = await call('/accounts/token/obtain/');
    expect(get.status).toBe(405);
    expect(get.body).toEqual({ detail: 'Method "GET" not allowed.' });
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('POST /accounts/token/refresh/', () => {
  it('rotates: a new access and a new refresh, the old refresh blacklisted and counted as reuse', async () => {
    const first = await obtain();
    const before = { ...sandbox.stats };
    const rotated = await call('/accounts/token/refresh/', { method: 'POST', body: form({ refresh: first.refresh }) });
    expect(rotated.status).toBe(200);
    expect(Object.keys(rotated.body)).toEqual(['access', 'refresh']);
    expect(rotated.body.refresh).not.toBe(first.refresh);
    expect(claims(rotated.body.refresh).jti).not.toBe(claims(first.refresh).jti);
    expect((await call('/services/task/?id=00000000-0000-4000-8000-000000000000', { headers: bearer(rotated.body.access) })).status).toBe(404);

    const reuse = await call('/accounts/token/refresh/', json({ refresh: first.refresh }));
    expect(reuse.status).toBe(401);
    expect(reuse.body).toEqual({ detail: 'Token is blacklisted', code: 'token_not_valid' });
    expect(sandbox.stats.refreshReuses).toBe(before.refreshReuses + 1);
    expect(sandbox.stats.refreshes).toBe(before.refreshes + 1);
    // The rotated-in refresh token still works.
    expect((await call('/accounts/token/refresh/', json({ refresh: rotated.body.refresh }))).status).toBe(200);
  });

  it('refuses invalid, wrong-type and expired tokens', async () => {
    const pair = await obtain();
    expect((await call('/accounts/token/refresh/', json({ refresh: 'not.a.jwt' }))).body).toEqual({ detail: 'Token is invalid or expired', code: 'token_not_valid' });
    expect((await call('/accounts/token/refresh/', json({ refresh: pair.access }))).body).toEqual({ detail: 'Token has wrong type', code: 'token_not_valid' });
    expect((await call('/accounts/token/refresh/', json({}))).body).toEqual({ refresh: ['This field is required.'] });
    clock += 14 * 24 * 3600 * 1000 + 1000;
    try {
      const expired = await call('/accounts/token/refresh/', json({ refresh: pair.refresh }));
      expect(expired.status).toBe(401);
      expect(expired.body).toEqual({ detail: 'Token is invalid or expired', code: 'token_not_valid' });
    } finally {
      clock = START;
    }
  });
});

describe('Bearer authentication on /services/', () => {
  const path = '/services/task/?id=00000000-0000-4000-8000-000000000000';
  const invalid = (message: string) => ({ detail: 'Given token not valid for any token type', code: 'token_not_valid', messages: [{ token_class: 'AccessToken', token_type: 'access', message }] });

  it('says credentials were not provided without a Bearer header', async () => {
    const before = sandbox.stats.rejectedAuth;
    for (const headers of [{}, { Authorization: 'Token abc' }, { Authorization: 'JWT abc' }] as Array<Record<string, string>>) {
      const reply = await call(path, { headers });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ detail: 'Authentication credentials were not provided.' });
      expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    }
    expect(sandbox.stats.rejectedAuth).toBe(before + 3);
  });

  it('refuses invalid, expired and refresh tokens as access tokens', async () => {
    const pair = await obtain();
    expect((await call(path, { headers: { Authorization: 'Bearer' } })).body.code).toBe('bad_authorization_header');
    expect((await call(path, { headers: bearer('garbage') })).body).toEqual(invalid('Token is invalid or expired'));
    expect((await call(path, { headers: bearer(pair.refresh) })).body).toEqual(invalid('Token has wrong type'));
    clock += 301_000;
    try {
      const expired = await call(path, { headers: bearer(pair.access) });
      expect(expired.status).toBe(401);
      expect(expired.body).toEqual(invalid('Token is invalid or expired'));
    } finally {
      clock = START;
    }
  });

  it('revokeAllTokens() stops every token issued so far; new ones work', async () => {
    const pair = await obtain();
    expect((await call(path, { headers: bearer(pair.access) })).status).toBe(404);
    sandbox.revokeAllTokens();
    expect((await call(path, { headers: bearer(pair.access) })).body).toEqual(invalid('Token is blacklisted'));
    expect((await call('/accounts/token/refresh/', json({ refresh: pair.refresh }))).body).toEqual({ detail: 'Token is blacklisted', code: 'token_not_valid' });
    const fresh = await obtain();
    expect((await call(path, { headers: bearer(fresh.access) })).status).toBe(404);
  });

  it('authenticates before checking the method, as DRF does', async () => {
    expect((await call('/services/face_liveness/')).status).toBe(401);
    const { access } = await obtain();
    const reply = await call('/services/face_liveness/', { headers: bearer(access) });
    expect(reply.status).toBe(405);
    expect(reply.body).toEqual({ detail: 'Method "GET" not allowed.' });
  });
});

describe('service POST validation', () => {
  let auth: Record<string, string>;
  beforeAll(async () => {
    auth = bearer((await obtain()).access);
  });
  const post = (service: string, body: RequestInit['body'], headers: Record<string, string> = {}) => call(`/services/${service}/`, { method: 'POST', body, headers: { ...auth, ...headers } });
  const image = () => new Blob([JPEG], { type: 'image/jpeg' });

  it("lists every missing field the docs' 400 examples list, in their order", async () => {
    const empty = () => form({ unrelated: 'x' });
    expect((await post('face_liveness', empty())).body).toEqual({ image: ['No file was submitted.'] });
    expect((await post('ocr_passport', empty())).body).toEqual({ passport_image: ['No file was submitted.'], extend_data: ['This field is required.'] });
    expect((await post('ocr_card', empty())).body).toEqual({ front_id: ['No file was submitted.'], back_id: ['No file was submitted.'], extend_data: ['This field is required.'] });
    // kyc_card's 400 example is cut off: extend_data is required as on every page whose example shows it.
    expect((await post('kyc_card', empty())).body).toEqual({
      selfie_image: ['No file was submitted.'],
      front_id: ['No file was submitted.'],
      back_id: ['No file was submitted.'],
      extend_data: ['This field is required.'],
    });
    expect((await post('kyc_passport', empty())).body).toEqual({ selfie_image: ['No file was submitted.'], passport_image: ['No file was submitted.'], extend_data: ['This field is required.'] });
    expect((await post('authenticate_face', empty())).body).toEqual({ image: ['No file was submitted.'], uuid: ['This field is required.'] });
    expect((await post('background_check', empty())).body).toEqual({ fullname: ['This field is required.'], birth_date: ['This field is required.'] });
  });

  it('says "not a file" for JSON bodies and text values in file fields, and refuses empty files', async () => {
    const reply = await call('/services/register_face/', { ...json({ image: 'selfie.jpg' }), headers: { ...auth, 'Content-Type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ image: ['The submitted data was not a file. Check the encoding type on the form.'] });
    expect((await post('face_liveness', form({ image: 'C:/photos/selfie.jpg' }))).body).toEqual({ image: ['The submitted data was not a file. Check the encoding type on the form.'] });
    expect((await post('face_liveness', form({ image: new Blob([]) }))).body).toEqual({ image: ['The submitted file is empty.'] });
  });

  it('validates uuid, fullname and birth_date like DRF', async () => {
    expect((await post('authenticate_face', form({ image: image(), uuid: 'not-a-uuid' }))).body).toEqual({ uuid: ['Must be a valid UUID.'] });
    const wrongDate = { birth_date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'] };
    expect((await post('background_check', form({ fullname: 'A B', birth_date: '12.03.1990' }))).body).toEqual(wrongDate);
    expect((await post('background_check', form({ fullname: 'A B', birth_date: '2021-02-30' }))).body).toEqual(wrongDate);
    expect((await post('background_check', form({ fullname: '  ', birth_date: '1990-03-12' }))).body).toEqual({ fullname: ['This field may not be blank.'] });
    expect((await post('ocr_passport', form({ passport_image: image(), extend_data: '' }))).body).toEqual({ extend_data: ['This field may not be blank.'] });
  });

  it('answers a task id (uuid v4) and counts only accepted POSTs', async () => {
    const before = sandbox.stats.posts.face_liveness;
    const reply = await post('face_liveness', form({ image: image(), extend_data: 'false' }));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) });
    expect(sandbox.stats.posts.face_liveness).toBe(before + 1);
  });

  it('answers a clear 400 for a malformed multipart body', async () => {
    const reply = await post('face_liveness', '--x\r\nbroken', { 'Content-Type': 'multipart/form-data' });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toMatch(/^Multipart form parse error - /);
  });
});

describe('routing', () => {
  it('answers 404 to a POST without the trailing slash, and redirects a GET', async () => {
    const { access } = await obtain();
    const post = await call('/services/face_liveness', { method: 'POST', body: form({}), headers: bearer(access) });
    expect(post.status).toBe(404);
    expect(post.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await call('/accounts/token/obtain', { method: 'POST', body: form({ username: 'training', password: 'training' }) })).status).toBe(404);
    const get = await call('/services/task?id=abc', { headers: bearer(access) });
    expect(get.status).toBe(301);
    expect(get.headers.get('location')).toBe('/api/v3/services/task/?id=abc');
  });

  it("answers Django's 404 page for unknown paths and media", async () => {
    expect((await call('/services/nope/', { method: 'POST' })).status).toBe(404);
    expect((await call('/nope/')).status).toBe(404);
    const origin = base.replace(/\/api\/v3$/, '');
    expect((await call('/media/images/../../faces.json', {}, origin)).status).toBe(404);
    expect((await call('/media/%2e%2e/faces.json', {}, origin)).status).toBe(404);
    expect((await call('/elsewhere', {}, origin)).status).toBe(404);
  });

  it('refuses Host headers other than loopback (DNS rebinding)', async () => {
    const url = new URL(`${base}/accounts/token/obtain/`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { Host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });
});

describe('GET /services/task/', () => {
  it('404s unknown ids and 400s a missing id', async () => {
    const auth = bearer((await obtain()).access);
    const unknown = await call('/services/task/?id=98008e56-cd6f-410c-9d8d-f9e620661395', { headers: auth });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ detail: 'Not found.' });
    expect((await call('/services/task/?id=garbage', { headers: auth })).status).toBe(404);
    expect((await call('/services/task/', { headers: auth })).body).toEqual({ id: ['This field is required.'] });
  });

  it('goes PENDING → STARTED → SUCCESS as the clock passes the task duration', async () => {
    const auth = bearer((await obtain()).access);
    const posted = await call('/services/background_check/', { method: 'POST', body: form({ fullname: 'Nobody Atall', birth_date: '1990-01-01' }), headers: auth });
    const poll = () => call(`/services/task/?id=${posted.body.id}`, { headers: auth });
    const created = clock;
    try {
      // Give the (instant) analysis time to finish: the clock alone decides the state.
      await new Promise((r) => setTimeout(r, 50));
      const pending = await poll();
      expect(pending.body).toEqual({ id: expect.any(Number), status: 'PENDING', result: null });
      clock = created + 1500;
      expect((await poll()).body).toEqual({ id: pending.body.id, status: 'STARTED', result: null });
      clock = created + 3000;
      const done = await poll();
      expect(done.body).toEqual({
        id: pending.body.id,
        status: 'SUCCESS',
        result: { status: 200, data: { background_check: { potential_match: false, risk_level: 'low', total_matches: 0, hits: [] } } },
      });

      const next = await call('/services/background_check/', { method: 'POST', body: form({ fullname: 'Someone Else', birth_date: '1990-01-01' }), headers: auth });
      expect((await call(`/services/task/?id=${next.body.id}`, { headers: auth })).body.id).toBeGreaterThan(pending.body.id);
      // Tasks belong to the user who created them.
      const other = bearer((await obtain('second', 'other')).access);
      expect((await call(`/services/task/?id=${posted.body.id}`, { headers: other })).status).toBe(404);
    } finally {
      clock = START;
    }
  });
});

describe('faults and limits', () => {
  it('failRate 1 answers every API request 503 with Retry-After and an HTML body, before processing', async () => {
    const failing = await startSandbox({ dataDir: tempDir(), analysis: stubEngine(), failRate: 1 });
    try {
      const reply = await call('/accounts/token/obtain/', { method: 'POST', body: form({ username: 'training', password: 'training' }) }, failing.baseUrl);
      expect(reply.status).toBe(503);
      expect(reply.headers.get('retry-after')).toBe('1');
      expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
      expect(reply.text).toContain('503 Service Temporarily Unavailable');
      expect(failing.stats.obtains).toBe(0);
    } finally {
      await failing.close();
    }
  });

  it('answers 413 for bodies over the limit, declared or streamed, and keeps serving', async () => {
    const small = await startSandbox({ dataDir: tempDir(), analysis: stubEngine(), maxUploadBytes: 64 * 1024 });
    try {
      const { access } = await obtain('training', 'training', small.baseUrl);
      const big = new Blob([new Uint8Array(256 * 1024)], { type: 'image/jpeg' });
      const declared = await call('/services/face_liveness/', { method: 'POST', body: form({ image: big }), headers: bearer(access) }, small.baseUrl);
      expect(declared.status).toBe(413);
      expect(declared.text).toContain('413 Request Entity Too Large');

      const chunk = new Uint8Array(16 * 1024);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 200 * 1024) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const streamed = await fetch(`${small.baseUrl}/accounts/token/obtain/`, { method: 'POST', body: stream, headers: { 'Content-Type': 'application/json' }, duplex: 'half' });
      expect(streamed.status).toBe(413);
      await streamed.body?.cancel();
      expect((await call('/accounts/token/obtain/', json({ username: 'training', password: 'training' }), small.baseUrl)).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('answers 503 + Retry-After when the analysis queue is full, and a task with a stuck engine stays STARTED', async () => {
    let release: () => void = () => undefined;
    const stuck = new Promise<FaceObservation[]>((resolve) => (release = () => resolve([])));
    const busy = await startSandbox({ dataDir: tempDir(), analysis: stubEngine(() => stuck), maxQueuedTasks: 1, taskDurationMs: 0 });
    try {
      const auth = bearer((await obtain('training', 'training', busy.baseUrl)).access);
      const image = () => new Blob([JPEG], { type: 'image/jpeg' });
      const first = await call('/services/face_liveness/', { method: 'POST', body: form({ image: image() }), headers: auth }, busy.baseUrl);
      expect(first.status).toBe(200);
      const second = await call('/services/face_liveness/', { method: 'POST', body: form({ image: image() }), headers: auth }, busy.baseUrl);
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toBe('2');
      expect((await call(`/services/task/?id=${first.body.id}`, { headers: auth }, busy.baseUrl)).body.status).toBe('STARTED');
      release();
      await new Promise((r) => setTimeout(r, 50));
      const done = await call(`/services/task/?id=${first.body.id}`, { headers: auth }, busy.baseUrl);
      expect(done.body.result.data.liveness.data.error_code).toBe('FACE_NOT_FOUND');
    } finally {
      release();
      await busy.close();
      await busy.close();
    }
  });
});
