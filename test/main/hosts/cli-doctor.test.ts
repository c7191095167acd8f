/**
 * `station doctor` run through the CLI against the real training sandbox over loopback (a stub
 * image engine: the doctor never sends an image), plain and with the documented alternatives
 * (`--quirks`), and against a wrong password and a server that is not there.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SERVICE_IDS } from '../../../common/services/catalog';
import type { DoctorReport } from '../../../main/core/progeny/doctor';
import { runCli } from '../../../main/hosts/cli';
import { ALL_QUIRKS } from '../../../main/sandbox/sandbox-quirks';
import { startSandbox } from '../../../main/sandbox/sandbox-server';
import type { Sandbox, SandboxEngine } from '../../../main/sandbox/sandbox-types';

const USER = { username: 'desk-7', password: 'c0rrect-h0rse' };
const stubEngine = (): SandboxEngine => ({
  decode: () => Promise.reject(new Error('the doctor sends no image')),
  faces: { detect: () => Promise.resolve([]), similarity: () => 0 },
  mrz: { read: () => Promise.reject(new Error('the doctor sends no image')) },
});
const tempDir = () => mkdtempSync(join(tmpdir(), 'cli-doctor-'));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const saved = { ...process.env };
function useCredentials(credentials: { username: string; password: string } | null) {
  delete process.env.PROGENY_BASE_URL;
  if (credentials) {
    process.env.PROGENY_USERNAME = credentials.username;
    process.env.PROGENY_PASSWORD = credentials.password;
  } else {
    delete process.env.PROGENY_USERNAME;
    delete process.env.PROGENY_PASSWORD;
  }
}
afterEach(() => {
  for (const key of ['PROGENY_USERNAME', 'PROGENY_PASSWORD', 'PROGENY_BASE_URL']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

async function doctor(args: string[]) {
  const { io, out, err } = capture();
  const code = await runCli(['node', 'station', 'doctor', ...args], io);
  return { code, out, err, text: out.join('\n') };
}
const reportOf = (out: string[]) => JSON.parse(out.join('\n')) as DoctorReport;
const reasonOf = (report: DoctorReport, check: string, service?: string) => report.steps.find((s) => s.check === check && s.service === service)?.reason;

describe('station doctor against the training sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ dataDir: tempDir(), analysis: stubEngine(), users: [USER], personalData: 'memory' });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => useCredentials(USER));

  it('passes every check, says so in words, remembers the paths, and exits 0', async () => {
    const data = tempDir();
    const { code, out, text } = await doctor(['--server', sandbox.baseUrl, '--data', data]);
    expect(code).toBe(0);
    expect(out[0]).toBe(`Progeny Station doctor: ${sandbox.baseUrl}`);
    for (const label of ['Server address', 'DNS', 'Connection', 'Sign-in', 'Clock', 'Session renewal', 'Task results', ...SERVICE_IDS]) {
      expect(
        out.some((line) => new RegExp(`^  PASS  ${label} +\\S`).test(line)),
        label,
      ).toBe(true);
    }
    expect(text).toMatch(/face_liveness +Answers at \/services\/face_liveness\/; it asks for image/);
    expect(out.at(-1)).toBe('All 15 checks passed.');
    expect(text).not.toContain(USER.password);
    const remembered = JSON.parse(readFileSync(join(data, 'progeny-paths.json'), 'utf8')) as { servers: Record<string, Record<string, string>> };
    expect(Object.values(remembered.servers)[0]).toMatchObject({ face_liveness: '/services/face_liveness/', register_face: '/services/register_face/' });
  });

  it('prints the report as JSON for scripts', async () => {
    const { code, out } = await doctor(['--server', sandbox.baseUrl, '--data', tempDir(), '--json']);
    expect(code).toBe(0);
    const report = reportOf(out);
    expect(report).toMatchObject({ server: sandbox.baseUrl, passed: true });
    expect(report.steps.map((s) => s.service ?? s.check)).toEqual(['address', 'dns', 'connection', 'sign-in', 'clock', 'refresh', 'task', ...SERVICE_IDS]);
    expect(report.steps.every((s) => s.outcome === 'pass')).toBe(true);
    expect(reasonOf(report, 'connection')).toBe('tcp-connected');
    expect(reasonOf(report, 'refresh')).toBe('refreshed');
  });

  it('fails at sign-in with a wrong password, skips what needs a session, and exits 1', async () => {
    useCredentials({ username: USER.username, password: 'wrong-password' });
    const { code, out, text } = await doctor(['--server', sandbox.baseUrl, '--data', tempDir()]);
    expect(code).toBe(1);
    expect(text).toMatch(/^ {2}FAIL {2}Sign-in +Progeny refused the username or password \(HTTP 401\)\.$/m);
    expect(text).toMatch(/^ {2}SKIP {2}Clock +not checked: the sign-in check failed$/m);
    expect(out.filter((line) => line.startsWith('  PASS'))).toHaveLength(3);
    expect(out.at(-1)).toBe('1 check failed: see FAIL above.');
    expect(text).not.toContain('wrong-password');
  });

  it('fails at sign-in without credentials, naming where they come from', async () => {
    useCredentials(null);
    const { code, text } = await doctor(['--server', sandbox.baseUrl, '--data', tempDir()]);
    expect(code).toBe(1);
    expect(text).toMatch(/FAIL {2}Sign-in +No Progeny username and password .*PROGENY_USERNAME and PROGENY_PASSWORD/);
  });
});

describe('station doctor against the sandbox serving the documented alternatives (--quirks)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ dataDir: tempDir(), analysis: stubEngine(), users: [USER], personalData: 'memory', quirks: ALL_QUIRKS });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => useCredentials(USER));

  it('finds the other spellings, follows same-origin redirects, and notices a refresh without rotation', async () => {
    const data = tempDir();
    const { code, out } = await doctor(['--server', sandbox.baseUrl, '--data', data, '--json']);
    const report = reportOf(out);
    expect(report.steps.filter((s) => s.outcome !== 'pass')).toEqual([]);
    expect(code).toBe(0);
    expect(reasonOf(report, 'service', 'face_liveness')).toBe('service-reachable-alternative');
    // With every quirk, /services/register_face/ is redirected (308) to the spelling without the slash: the primary works.
    expect(reasonOf(report, 'service', 'register_face')).toBe('service-reachable');
    expect(reasonOf(report, 'refresh')).toBe('refreshed-kept');
    expect(reasonOf(report, 'task')).toBe('task-unknown-pending');
    expect(report.paths).toMatchObject({ face_liveness: '/services/liveness/', register_face: '/services/register_face/' });
    // Shown in the plain report too, and remembered for the station's next requests.
    const again = await doctor(['--server', sandbox.baseUrl, '--data', data]);
    expect(again.text).toMatch(/Service paths that work on this server \(remembered by the station\):\n(.*\n)* {2}face_liveness +\/services\/liveness\//);
  });
});

describe('station doctor against the sandbox serving register_face without its slash only', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ dataDir: tempDir(), analysis: stubEngine(), users: [USER], personalData: 'memory', quirks: ['register-face-no-slash'] });
  });
  afterAll(() => sandbox.close());

  it('tries the documented spelling without the slash after a 404, and remembers it', async () => {
    useCredentials(USER);
    const { code, out } = await doctor(['--server', sandbox.baseUrl, '--data', tempDir(), '--json']);
    const report = reportOf(out);
    expect(code).toBe(0);
    expect(reasonOf(report, 'service', 'register_face')).toBe('service-reachable-alternative');
    expect(report.paths.register_face).toBe('/services/register_face');
  });
});

describe('station doctor against a server that is not there', () => {
  it('fails at the connection, with the reason, and exits 1', async () => {
    useCredentials(USER);
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const data = tempDir();
    const { code, text } = await doctor(['--server', `http://127.0.0.1:${port}/api/v3`, '--data', data]);
    expect(code).toBe(1);
    expect(text).toMatch(/^ {2}PASS {2}DNS +127\.0\.0\.1 resolves to 127\.0\.0\.1\.$/m);
    expect(text).toMatch(new RegExp(`^  FAIL  Connection +Could not connect to 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`, 'm'));
    expect(text).toMatch(/^ {2}SKIP {2}Sign-in +not checked: the connection check failed$/m);
    expect(existsSync(join(data, 'progeny-paths.json'))).toBe(false);
  });

  it('refuses an address the station would not use, as a usage error', async () => {
    const { code, err } = await doctor(['--server', 'http://example.com/api/v3']);
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/must be an https:\/\/ address/);
  });
});
