/**
 * The client against the answers the docs leave open: task GETs answered 202 or 4xx with the task in
 * the body, task states in any case or unfamiliar, numeric task ids, the documented alternative
 * service paths, and redirects (followed within the server's origin only).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../main/core/logger';
import { createProgenyClient, type ServerPaths } from '../../../../main/core/progeny/progeny-client';
import { createProgenyHttp } from '../../../../main/core/progeny/progeny-http';
import { inMemoryPaths, openPathMemoryFile, pathsToTry, type PathMemory } from '../../../../main/core/progeny/service-paths';
import { createTokenManager, fixedCredentials } from '../../../../main/core/progeny/token-manager';
import { json, jwt, startFaultServer, type Behaviour, type FaultServer } from './fault-server';

let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer();
  server.on('/accounts/token/obtain/', json(200, { access: await jwt('access', 300), refresh: await jwt('refresh', 86400) }));
});
afterEach(() => server.close());

const selfie = { image: { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), filename: 'selfie.jpg', contentType: 'image/jpeg' } };
const bound = (memory: PathMemory, baseUrl: string): ServerPaths => ({ get: (service) => memory.get(baseUrl, service), remember: (service, path) => memory.remember(baseUrl, service, path) });
function client(options: { memory?: PathMemory; unfamiliarStateLimitMs?: number; baseUrl?: string } = {}) {
  const baseUrl = options.baseUrl ?? server.baseUrl;
  const http = createProgenyHttp({ baseUrl, responseTimeoutMs: 5000 });
  return createProgenyClient({
    http,
    tokens: createTokenManager({ http, credentials: fixedCredentials({ username: 'u', password: 'p' }) }),
    pollDeadlineMs: 20_000,
    servicePaths: bound(options.memory ?? inMemoryPaths(), baseUrl),
    ...(options.unfamiliarStateLimitMs !== undefined ? { unfamiliarStateLimitMs: options.unfamiliarStateLimitMs } : {}),
  });
}
const redirect =
  (status: number, location: string): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { location, 'content-type': 'text/html' });
    res.end('<p>moved</p>');
  };
const postsTo = (path: string) => server.seen.filter((s) => s.method === 'POST' && s.path === `/api/v3${path}`);

const success = { id: 2182, status: 'SUCCESS', result: { status: 200, data: { liveness: { data: { score: 2.6 }, result: true } } } };
const tooSmall = {
  id: 2183,
  status: 'SUCCESS',
  result: { status: 400, data: { liveness: { result: false, error_code: 'FACE_TOO_SMALL' }, issues: { liveness: { FACE_TOO_SMALL: 'Absolute face size is too small' } } } },
};

describe('poll reads the task whatever status it came with', () => {
  it('keeps polling through 202 answers while pending, then reads the result', async () => {
    server.on('/services/task/', json(202, { id: 1, status: 'PENDING', result: null }), json(202, { id: 1, status: 'STARTED' }), json(200, success));
    expect(await client().poll('face_liveness', 'abc')).toMatchObject({ kind: 'done', polls: 3, result: { verdict: 'verified' } });
  });

  it('reads a finished task answered HTTP 400 (mirroring result.status) as its result, not a client error', async () => {
    server.on('/services/task/', json(400, tooSmall));
    expect(await client().poll('face_liveness', 'abc')).toMatchObject({
      kind: 'done',
      polls: 1,
      result: { verdict: 'not-verified', checks: { liveness: false }, issues: [{ code: 'FACE_TOO_SMALL' }] },
    });
  });

  it('still treats a 400 that is not a task (a field error) as a client error', async () => {
    server.on('/services/task/', json(400, { id: ['This field is required.'] }));
    expect(await client().poll('face_liveness', 'abc')).toMatchObject({ kind: 'failed', error: { kind: 'client-error', details: { status: 400 } } });
  });

  it('reads states in any case, and RECEIVED and RETRY as running', async () => {
    server.on('/services/task/', json(200, { status: 'received' }), json(200, { status: 'Retry' }), json(200, { status: 'started' }), json(200, { ...success, status: 'success' }));
    expect(await client({ unfamiliarStateLimitMs: 0 }).poll('face_liveness', 'abc')).toMatchObject({ kind: 'done', polls: 4, result: { verdict: 'verified', taskState: 'SUCCESS' } });
  });

  it('reads failure and revoked in lower case as final, needing review', async () => {
    server.on('/services/task/', json(200, { status: 'failure', result: { exc_type: 'Boom' } }));
    expect(await client().poll('face_liveness', 'abc')).toMatchObject({
      kind: 'done',
      polls: 1,
      result: { verdict: 'needs-review', taskState: 'FAILURE', reviewReasons: [{ code: 'task-failed' }, { code: 'result-missing' }] },
    });
  });

  it('gives an unfamiliar state a limited time, then hands back a result that needs review and names the state', async () => {
    server.on('/services/task/', json(200, { id: 1, status: 'PROCESSING' }));
    const started = Date.now();
    const outcome = await client({ unfamiliarStateLimitMs: 1500 }).poll('face_liveness', 'abc');
    expect(outcome).toMatchObject({
      kind: 'done',
      result: { verdict: 'needs-review', taskState: 'PROCESSING', reviewReasons: [{ code: 'task-state-unfamiliar', path: 'status', value: '"PROCESSING"' }, { code: 'result-missing' }] },
    });
    // Well before the 20 s deadline.
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('treats an empty answer like an unfamiliar state, never as a finished success', async () => {
    server.on('/services/task/', json(200, {}));
    expect(await client({ unfamiliarStateLimitMs: 1000 }).poll('face_liveness', 'abc')).toMatchObject({
      kind: 'done',
      result: { verdict: 'needs-review', reviewReasons: [{ code: 'task-state-missing' }, { code: 'result-missing' }] },
    });
  });

  it('reads a result without a state at once, as needing review', async () => {
    server.on('/services/task/', json(200, { id: 1, result: success.result }));
    expect(await client().poll('face_liveness', 'abc')).toMatchObject({
      kind: 'done',
      polls: 1,
      result: { verdict: 'needs-review', checks: { liveness: true }, reviewReasons: [{ code: 'task-state-missing' }] },
    });
  });
});

describe('submit: task ids and service paths', () => {
  it('accepts a numeric task id, as text', async () => {
    server.on('/services/face_liveness/', json(200, { id: 98008 }));
    expect(await client().submit('face_liveness', { files: selfie })).toEqual({ kind: 'submitted', taskId: '98008' });
  });

  it('tries the documented alternative once on a 404, remembers it, and goes straight to it next time', async () => {
    server.on('/services/liveness/', json(200, { id: 'a' }), json(200, { id: 'b' }));
    const memory = inMemoryPaths();
    const c = client({ memory });
    expect(await c.submit('face_liveness', { files: selfie })).toEqual({ kind: 'submitted', taskId: 'a' });
    expect(memory.forServer(server.baseUrl)).toEqual({ face_liveness: '/services/liveness/' });
    expect(await c.submit('face_liveness', { files: selfie })).toEqual({ kind: 'submitted', taskId: 'b' });
    expect(postsTo('/services/face_liveness/')).toHaveLength(1);
    expect(postsTo('/services/liveness/')).toHaveLength(2);
    // The image went with the second spelling too.
    expect(postsTo('/services/liveness/')[0]!.body).toMatch(/name="image"; filename="selfie.jpg"/);
  });

  it('remembers the primary path when it answers, even with a field error', async () => {
    server.on('/services/face_liveness/', json(400, { image: ['No file was submitted.'] }));
    const memory = inMemoryPaths();
    expect(await client({ memory }).submit('face_liveness', { files: selfie })).toMatchObject({ kind: 'rejected' });
    expect(memory.forServer(server.baseUrl)).toEqual({ face_liveness: '/services/face_liveness/' });
  });

  it('refuses with both paths named when neither exists, after exactly two POSTs', async () => {
    const outcome = await client().submit('face_liveness', { files: selfie });
    expect(outcome).toMatchObject({ kind: 'refused', error: { kind: 'client-error', message: expect.stringContaining('/services/face_liveness/ nor at /services/liveness/') } });
    expect(server.seen.filter((s) => s.method === 'POST' && s.path.includes('/services/'))).toHaveLength(2);
  });

  it('goes back to the primary path when the remembered one disappears', async () => {
    server.on('/services/face_liveness/', json(200, { id: 'c' }));
    const memory = inMemoryPaths();
    memory.remember(server.baseUrl, 'face_liveness', '/services/liveness/');
    expect(await client({ memory }).submit('face_liveness', { files: selfie })).toEqual({ kind: 'submitted', taskId: 'c' });
    expect(memory.get(server.baseUrl, 'face_liveness')).toBe('/services/face_liveness/');
  });

  it('tries no alternative for a service the docs spell one way only', async () => {
    expect(await client().submit('kyc_card', { files: selfie })).toMatchObject({ kind: 'refused' });
    expect(server.seen.filter((s) => s.method === 'POST' && s.path.includes('/services/'))).toHaveLength(1);
    expect(pathsToTry('kyc_card', null)).toEqual(['/services/kyc_card/']);
    expect(pathsToTry('register_face', null)).toEqual(['/services/register_face/', '/services/register_face']);
  });
});

describe('redirects', () => {
  it('follows a same-origin 308 with the same method, body and token', async () => {
    server.on('/services/face_liveness/', redirect(308, '/api/v3/services/face_liveness'));
    server.on('/services/face_liveness', json(200, { id: 'moved' }));
    expect(await client().submit('face_liveness', { files: selfie })).toEqual({ kind: 'submitted', taskId: 'moved' });
    const moved = postsTo('/services/face_liveness')[0]!;
    expect(moved.body).toMatch(/name="image"; filename="selfie.jpg"/);
    expect(moved.authorization).toMatch(/^Bearer /);
  });

  it('re-posts on a 301 (a slash added by the server before handling the request)', async () => {
    server.on('/services/register_face', redirect(301, `${server.baseUrl}/services/register_face/x/`));
    server.on('/services/register_face/x/', json(200, { id: 'r' }));
    server.on('/services/register_face/', redirect(301, `${server.baseUrl}/services/register_face/x/`));
    expect(await client().submit('register_face', { files: selfie })).toEqual({ kind: 'submitted', taskId: 'r' });
    expect(postsTo('/services/register_face/x/')).toHaveLength(1);
  });

  it('never follows a redirect to another origin: nothing reaches the other server', async () => {
    const elsewhere = await startFaultServer();
    try {
      elsewhere.on('/services/face_liveness/', json(200, { id: 'stolen' }));
      server.on('/services/face_liveness/', redirect(307, `${elsewhere.baseUrl}/services/face_liveness/`));
      const outcome = await client().submit('face_liveness', { files: selfie });
      expect(outcome).toMatchObject({ kind: 'failed', error: { kind: 'client-error', retry: 'operator', message: expect.stringContaining('another server') } });
      expect(elsewhere.seen).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('stops a redirect loop', async () => {
    server.on('/services/face_liveness/', redirect(302, '/api/v3/services/face_liveness/'));
    expect(await client().submit('face_liveness', { files: selfie })).toMatchObject({ kind: 'failed', error: { message: expect.stringContaining('more than 3 times') } });
    expect(postsTo('/services/face_liveness/')).toHaveLength(4);
  });
});

describe('the path memory file', () => {
  it('keeps what worked per server across openings, whatever the trailing slash of the address', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'paths-')), 'progeny-paths.json');
    openPathMemoryFile(file, silentLogger).remember('https://be.example/api/v3/', 'face_liveness', '/services/liveness/');
    expect(openPathMemoryFile(file, silentLogger).get('https://be.example/api/v3', 'face_liveness')).toBe('/services/liveness/');
    expect(openPathMemoryFile(file, silentLogger).get('https://other.example/api/v3', 'face_liveness')).toBeNull();
  });

  it('ignores a file that is not in the expected form, and entries naming paths the docs do not give', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paths-'));
    const file = join(dir, 'progeny-paths.json');
    writeFileSync(file, '{"version":2}');
    expect(openPathMemoryFile(file, silentLogger).forServer('https://be.example/api/v3')).toEqual({});
    writeFileSync(file, JSON.stringify({ version: 1, servers: { 'https://be.example/api/v3': { face_liveness: 'https://evil.example/steal/', kyc_card: '/services/kyc_card/', nonsense: '/x/' } } }));
    expect(openPathMemoryFile(file, silentLogger).forServer('https://be.example/api/v3')).toEqual({ kyc_card: '/services/kyc_card/' });
    const memory = openPathMemoryFile(file, silentLogger);
    memory.remember('https://be.example/api/v3', 'face_liveness', '/not/documented/');
    expect(memory.get('https://be.example/api/v3', 'face_liveness')).toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8')).servers['https://be.example/api/v3'].face_liveness).toBe('https://evil.example/steal/');
  });
});
