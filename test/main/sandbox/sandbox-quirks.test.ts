/**
 * `--quirks` over real HTTP: one row per quirk, each showing the documented alternative it serves
 * AND that the plain sandbox does not serve it (so no row passes whatever the sandbox does). A stub
 * engine keeps these fast; the client's survival of the quirks is client-against-sandbox.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_QUIRKS, parseQuirks, quirksHelp, SANDBOX_QUIRKS, type SandboxQuirk } from '../../../main/sandbox/sandbox-quirks';
import { startSandbox } from '../../../main/sandbox/sandbox-server';
import type { Sandbox, SandboxEngine } from '../../../main/sandbox/sandbox-types';

const START = Date.parse('2025-06-01T10:00:00Z');
const DURATION_MS = 4000;
let clock = START;

/** Every image decodes to a grey 640x480 picture with no face: results are fast and known. */
const stubEngine: SandboxEngine = {
  decode: () => Promise.resolve({ width: 640, height: 480, channels: 3, data: new Uint8Array(640 * 480 * 3).fill(128) }),
  faces: { detect: () => Promise.resolve([]), similarity: () => 0 },
  mrz: { read: () => Promise.reject(new Error('no MRZ in the stub')) },
};
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

type Json = ReturnType<typeof JSON.parse>;

interface Harness {
  sandbox: Sandbox;
  call(path: string, init?: RequestInit): Promise<{ status: number; body: Json; location: string | null }>;
  /** POSTs a service form with a Bearer token; `path` is under /api/v3; a value 'JPEG' is sent as an image file. */
  post(path: string, fields: Record<string, string>): Promise<{ status: number; body: Json; location: string | null }>;
  task(id: string): Promise<{ status: number; body: Json; location: string | null }>;
  obtain(): Promise<{ access: string; refresh?: string }>;
}

async function harness(quirks: SandboxQuirk[]): Promise<Harness> {
  const sandbox = await startSandbox({ dataDir: mkdtempSync(join(tmpdir(), 'sandbox-quirks-')), analysis: stubEngine, now: () => clock, taskDurationMs: DURATION_MS, quirks });
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${sandbox.baseUrl}${path}`, { redirect: 'manual', ...init });
    const text = await res.text();
    let body: Json = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return { status: res.status, body, location: res.headers.get('location') };
  };
  const slash = quirks.includes('slash-redirect') ? '' : '/';
  const form = (fields: Record<string, string>) => {
    const fd = new FormData();
    for (const [key, value] of Object.entries(fields)) {
      if (value === 'JPEG') fd.append(key, new Blob([JPEG], { type: 'image/jpeg' }), `${key}.jpg`);
      else fd.append(key, value);
    }
    return fd;
  };
  const obtain = async () =>
    (await call(`/accounts/token/obtain${slash}`, { method: 'POST', body: form({ username: 'training', password: 'training' }) })).body as { access: string; refresh?: string };
  const { access } = await obtain();
  const auth = { Authorization: `Bearer ${access}` };
  return {
    sandbox,
    call,
    obtain,
    post: (path, fields) => call(path, { method: 'POST', body: form(fields), headers: auth }),
    task: (id) => call(`/services/task${slash}?id=${id}`, { headers: auth }),
  };
}

const background = { fullname: 'Nobody Atall', birth_date: '1990-01-01' };
const unknownUuid = '6f1c2a9e-1111-4222-8333-944455556666';

/** POSTs at START and returns the task's answers at the given fractions of its duration. */
async function timeline(h: Harness, path: string, fields: Record<string, string>, fractions: number[]) {
  clock = START;
  const posted = await h.post(path, fields);
  expect(posted.status).toBe(200);
  // The stub analysis is instant; let it run so the clock alone decides the state.
  await new Promise((r) => setTimeout(r, 30));
  const answers = [];
  for (const fraction of fractions) {
    clock = START + fraction * DURATION_MS;
    answers.push(await h.task(posted.body.id));
  }
  clock = START;
  return answers;
}

const hasBoolean = (value: unknown): boolean => typeof value === 'boolean' || (typeof value === 'object' && value !== null && Object.values(value).some(hasBoolean));

/** What each quirk serves, checked against `quirky`, and the opposite against `plain`. */
const ROWS: Record<SandboxQuirk, (quirky: Harness, plain: Harness) => Promise<void>> = {
  'liveness-path': async (quirky, plain) => {
    expect((await quirky.post('/services/face_liveness/', { image: 'JPEG' })).status).toBe(404);
    expect((await quirky.post('/services/liveness/', { image: 'JPEG' })).status).toBe(200);
    expect((await plain.post('/services/liveness/', { image: 'JPEG' })).status).toBe(404);
  },
  'register-face-no-slash': async (quirky, plain) => {
    expect((await quirky.post('/services/register_face/', { image: 'JPEG' })).status).toBe(404);
    expect((await quirky.post('/services/register_face', { image: 'JPEG' })).status).toBe(200);
    expect((await plain.post('/services/register_face', { image: 'JPEG' })).status).toBe(404);
  },
  'slash-redirect': async (quirky, plain) => {
    const redirected = await quirky.post('/services/background_check/', background);
    expect([redirected.status, redirected.location]).toEqual([308, '/api/v3/services/background_check']);
    const obtain = await quirky.call('/accounts/token/obtain/', { method: 'POST', body: new URLSearchParams({ username: 'training', password: 'training' }) });
    expect([obtain.status, obtain.location]).toEqual([308, '/api/v3/accounts/token/obtain']);
    expect((await quirky.call('/services/task/?id=abc')).location).toBe('/api/v3/services/task?id=abc');
    expect((await quirky.post('/services/background_check', background)).status).toBe(200);
    expect((await plain.post('/services/background_check', background)).status).toBe(404);
  },
  'pending-202': async (quirky, plain) => {
    const [pending, done] = await timeline(quirky, '/services/background_check/', background, [0, 1]);
    expect([pending!.status, pending!.body.status]).toEqual([202, 'PENDING']);
    expect([done!.status, done!.body.status]).toEqual([200, 'SUCCESS']);
    expect((await timeline(plain, '/services/background_check/', background, [0]))[0]!.status).toBe(200);
  },
  'failed-task-400': async (quirky, plain) => {
    const [failed] = await timeline(quirky, '/services/authenticate_face/', { image: 'JPEG', uuid: unknownUuid }, [1]);
    expect(failed!.status).toBe(400);
    expect(failed!.body).toMatchObject({ status: 'SUCCESS', result: { status: 400, data: { issues: { authentication: { UNKNOWN_UUID: expect.any(String) } } } } });
    const [passed] = await timeline(quirky, '/services/background_check/', background, [1]);
    expect(passed!.status).toBe(200);
    expect((await timeline(plain, '/services/authenticate_face/', { image: 'JPEG', uuid: unknownUuid }, [1]))[0]!.status).toBe(200);
  },
  'lowercase-states': async (quirky, plain) => {
    expect((await timeline(quirky, '/services/background_check/', background, [0, 0.5, 1])).map((a) => String(a.body.status))).toEqual(['pending', 'started', 'success']);
    expect((await timeline(plain, '/services/background_check/', background, [0, 0.5, 1])).map((a) => String(a.body.status))).toEqual(['PENDING', 'STARTED', 'SUCCESS']);
  },
  'celery-states': async (quirky, plain) => {
    const fractions = [0.1, 0.3, 0.6, 0.9, 1];
    expect((await timeline(quirky, '/services/background_check/', background, fractions)).map((a) => String(a.body.status))).toEqual(['PENDING', 'RECEIVED', 'STARTED', 'RETRY', 'SUCCESS']);
    expect((await timeline(plain, '/services/background_check/', background, fractions)).map((a) => String(a.body.status))).toEqual(['PENDING', 'PENDING', 'STARTED', 'STARTED', 'SUCCESS']);
  },
  'string-ids': async (quirky, plain) => {
    expect((await timeline(quirky, '/services/background_check/', background, [1]))[0]!.body.id).toMatch(/^\d+$/);
    expect(typeof (await timeline(plain, '/services/background_check/', background, [1]))[0]!.body.id).toBe('number');
  },
  'string-booleans': async (quirky, plain) => {
    const [done] = await timeline(quirky, '/services/face_liveness/', { image: 'JPEG' }, [1]);
    expect(done!.body.result.data.liveness.result).toBe('False');
    expect(hasBoolean(done!.body.result.data)).toBe(false);
    const [background_] = await timeline(quirky, '/services/background_check/', background, [1]);
    expect(background_!.body.result.data.background_check.potential_match).toBe('False');
    expect((await timeline(plain, '/services/face_liveness/', { image: 'JPEG' }, [1]))[0]!.body.result.data.liveness.result).toBe(false);
  },
  'check-objects': async (quirky, plain) => {
    const kyc = { selfie_image: 'JPEG', passport_image: 'JPEG', extend_data: 'false' };
    const [done] = await timeline(quirky, '/services/kyc_passport/', kyc, [1]);
    expect(done!.body.result.data).toMatchObject({ compare: { result: false }, liveness: { result: false } });
    const [plainDone] = await timeline(plain, '/services/kyc_passport/', kyc, [1]);
    expect(plainDone!.body.result.data).toMatchObject({ compare: false, liveness: false });
  },
  'refresh-without-rotation': async (quirky, plain) => {
    const { refresh } = await quirky.obtain();
    const refreshOnce = (h: Harness) => h.call('/accounts/token/refresh/', { method: 'POST', body: new URLSearchParams({ refresh: refresh! }) });
    const first = await refreshOnce(quirky);
    expect(Object.keys(first.body)).toEqual(['access']);
    expect((await refreshOnce(quirky)).status).toBe(200);
    const plainPair = await plain.obtain();
    const plainRefresh = () => plain.call('/accounts/token/refresh/', { method: 'POST', body: new URLSearchParams({ refresh: plainPair.refresh! }) });
    expect(Object.keys((await plainRefresh()).body)).toEqual(['access', 'refresh']);
    expect((await plainRefresh()).status).toBe(401);
  },
  'unknown-task-pending': async (quirky, plain) => {
    const id = '98008e56-cd6f-410c-9d8d-f9e620661395';
    expect(await quirky.task(id)).toMatchObject({ status: 200, body: { id, status: 'PENDING', result: null } });
    expect((await plain.task(id)).status).toBe(404);
  },
};

describe('station sandbox --quirks', () => {
  let plain: Harness;
  const opened: Harness[] = [];
  beforeAll(async () => {
    plain = await harness([]);
    opened.push(plain);
  });
  afterAll(async () => {
    for (const h of opened) await h.sandbox.close();
  });

  it('has a row here for every quirk it offers, and describes each one', () => {
    expect(Object.keys(ROWS).sort()).toEqual([...ALL_QUIRKS].sort());
    const lines = quirksHelp().split('\n');
    for (const quirk of ALL_QUIRKS)
      expect(
        lines.filter((line) => line.trim().startsWith(`${quirk} `) && line.endsWith(SANDBOX_QUIRKS[quirk])),
        quirk,
      ).toHaveLength(1);
  });

  it.each(ALL_QUIRKS.map((quirk) => [quirk]))('%s', async (quirk) => {
    const quirky = await harness([quirk]);
    opened.push(quirky);
    expect(quirky.sandbox.quirks).toEqual([quirk]);
    await ROWS[quirk](quirky, plain);
  });

  it('combines them: face_liveness at /services/liveness, slashless, behind a 308 from the slashed spelling', async () => {
    const all = await harness([...ALL_QUIRKS]);
    opened.push(all);
    const redirected = await all.post('/services/liveness/', { image: 'JPEG' });
    expect([redirected.status, redirected.location]).toEqual([308, '/api/v3/services/liveness']);
    expect((await all.post('/services/liveness', { image: 'JPEG' })).status).toBe(200);
    expect((await all.post('/services/face_liveness/', { image: 'JPEG' })).status).toBe(404);
    expect((await all.post('/services/register_face', { image: 'JPEG' })).status).toBe(200);
  });

  it('refuses unknown quirk names, at start and on the command line', async () => {
    await expect(startSandbox({ dataDir: mkdtempSync(join(tmpdir(), 'sandbox-quirks-')), analysis: stubEngine, quirks: ['no-such-quirk' as SandboxQuirk] })).rejects.toThrow(
      'unknown sandbox quirks: no-such-quirk',
    );
    expect(parseQuirks(true)).toEqual({ ok: true, quirks: ALL_QUIRKS });
    expect(parseQuirks('all')).toEqual({ ok: true, quirks: ALL_QUIRKS });
    expect(parseQuirks(' pending-202, string-ids,pending-202 ')).toEqual({ ok: true, quirks: ['pending-202', 'string-ids'] });
    const bad = parseQuirks('pending-202,nope');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problem).toMatch(/unknown: nope\)$/);
    expect(parseQuirks(',').ok).toBe(false);
  });
});
