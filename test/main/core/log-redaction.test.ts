import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { LOG_LIMITS, redactLogEntry, redactText } from '../../../main/core/log-redactor';
import { createConsoleLogger, createStationLogger, type Logger } from '../../../main/core/logger';
import { createCredentialVault } from '../../../main/core/progeny/credential-vault';
import { createStationCore } from '../../../main/core/station-core';
import { passphraseWrapper } from '../../../main/core/store/keyring';
import { openStore } from '../../../main/core/store/open-store';
import { startSandbox } from '../../../main/sandbox/sandbox-server';
import { DEFAULT_TRAINING_USER } from '../../../main/sandbox/sandbox-types';
import { instantEngine } from '../../support/instant-engine';
import { agreedConsent } from '../../support/consent';
import { signInAsAdmin } from '../../support/sign-in';

const created: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'station-log-redaction-'));
  created.push(dir);
  return dir;
};
// The rotation test writes 15 MB: leave nothing behind.
afterAll(() => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Every file below `dir`, at any depth, as text. */
function readEverything(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => ({ path: join(entry.parentPath, entry.name), text: readFileSync(join(entry.parentPath, entry.name), 'latin1') }));
}

function expectNoMarker(texts: readonly { path: string; text: string }[], markers: Record<string, string>): void {
  for (const { path, text } of texts) {
    for (const [what, marker] of Object.entries(markers)) {
      if (text.includes(marker)) expect.fail(`${what} (${marker.slice(0, 40)}) leaked into ${path}`);
    }
  }
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const JWT_PAYLOAD = base64url(JSON.stringify({ token_type: 'access', user_id: 7, jti: 'jwt-marker-5c1e9a' }));
const JWT = `${base64url('{"alg":"HS256","typ":"JWT"}')}.${JWT_PAYLOAD}.${randomBytes(32).toString('base64url')}`;
const PASSWORD = 'pw-marker-Qz81!hunter';
const PASSPHRASE = 'passphrase marker violet tractor 6614';
const FULL_NAME = 'Zebulon Quixmarker';
const DOCUMENT_NUMBER = 'XQ7731952';
const MRZ = 'P<UTOVANTERPOOL<<ODALYS<BERENICE<<<<<<<<<<<<';
const IMAGE = randomBytes(37_500).toString('base64'); // 50 KB of base64
const IMAGE_SLICE = IMAGE.slice(20_000, 20_060);
const BUFFER = Buffer.from('buffer-marker-7d2f bytes that must not be logged');

const MARKERS = {
  jwt: JWT,
  'jwt payload': JWT_PAYLOAD,
  password: PASSWORD,
  passphrase: PASSPHRASE,
  'full name': FULL_NAME,
  'surname alone': 'Quixmarker',
  'document number': DOCUMENT_NUMBER,
  mrz: MRZ,
  'mrz name': 'VANTERPOOL',
  'image base64': IMAGE_SLICE,
  'buffer as text': 'buffer-marker-7d2f',
  'buffer as base64': BUFFER.toString('base64'),
  'buffer as JSON': BUFFER.toJSON().data.join(','),
};

/** A careless call site: markers in the message (only shape-detectable ones), fields, nesting and errors. */
function logEverything(log: Logger): void {
  const failure = Object.assign(new Error(`token ${JWT} refused for ${MRZ}`, { cause: new Error(FULL_NAME) }), {
    response: { headers: { authorization: `Bearer ${JWT}` }, body: { password: PASSWORD } },
  });
  const context = {
    count: 3,
    service: 'kyc_passport',
    password: PASSWORD,
    passphrase: PASSPHRASE,
    fullname: FULL_NAME,
    documentNumber: DOCUMENT_NUMBER,
    mrz: MRZ,
    image: IMAGE,
    photo: BUFFER,
    request: {
      headers: { Authorization: `Bearer ${JWT}`, Cookie: `session=${JWT}` },
      fields: { first_name: 'Zebulon', last_name: 'Quixmarker', birth_date: '1980-01-01', document_number: DOCUMENT_NUMBER },
      files: [{ filename: `${FULL_NAME}.jpg`, data: IMAGE, bytes: new Uint8Array(BUFFER) }],
      people: [
        { name: FULL_NAME, uuid: '6f1c2f9e-0d4b-4a55-9b8e-1f0c8e2a7d31' },
        { surname: 'Quixmarker', document: { number: DOCUMENT_NUMBER } },
      ],
    },
    error: failure,
    errors: [failure],
    deep: { a: { b: { c: { d: { e: { access: JWT, text: `ocr read ${MRZ}`, preview: `data:image/jpeg;base64,${IMAGE}` } } } } } },
  };
  for (const level of ['info', 'warn', 'error'] as const) {
    log[level](`signed in with Bearer ${JWT} (password=${PASSWORD}), read ${MRZ}, sent data:image/jpeg;base64,${IMAGE}`, context);
    log[level](`request body {"passphrase": "${PASSPHRASE}", "fullname": "${FULL_NAME}"} raw ${IMAGE}`);
    log[level]('submit failed', { error: failure });
  }
}

describe('every logged line is redacted before any sink', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps markers out of the console and of every log file, rotated ones included, and keeps the useful context', () => {
    const dataDir = tempDir();
    const consoleLines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      consoleLines.push(String(chunk));
      return true;
    });
    const log = createStationLogger({ scope: 'redaction-test', dataDir, console: true });
    logEverything(log);
    // Enough ordinary lines to rotate twice (5 MB per file): the marker lines above end in station.log.2.
    const filler = 'rotation filler '.repeat(120);
    for (let i = 0; i < 6_000; i += 1) log.info('progress', { i, filler });
    logEverything(log);
    log.close();

    const files = readEverything(dataDir);
    expect(files.map((file) => relative(dataDir, file.path)).sort()).toEqual(['station.log', 'station.log.1', 'station.log.2'].map((name) => join('logs', name)));
    expect(files.find((file) => file.path.endsWith('station.log.2'))!.text).toContain('"message":"submit failed"');
    expectNoMarker([...files, { path: 'stderr', text: consoleLines.join('') }], MARKERS);

    const current = files.find((file) => file.path.endsWith('station.log'))!.text;
    for (const text of [current, consoleLines.join('')]) {
      expect(text).toContain('"count":3');
      expect(text).toContain('"service":"kyc_passport"');
      expect(text).toContain('"password":"[redacted]"');
      expect(text).toContain('"error":{"name":"Error","message":"token [redacted] refused for [redacted]"}');
      expect(text).toContain(`"photo":"[binary ${BUFFER.length} bytes]"`);
      expect(text).toContain('"image":"[binary 37500 bytes]"');
    }
    expect(consoleLines.length).toBe(3 * 3 * 2 + 6_000);
  });

  it('redacts through createConsoleLogger as well, by default', () => {
    const lines: string[] = [];
    logEverything(createConsoleLogger('console-test', (line) => lines.push(line)));
    expect(lines).toHaveLength(9);
    expectNoMarker([{ path: 'sink', text: lines.join('\n') }], MARKERS);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });
});

describe('the redactor', () => {
  it('keeps the key and replaces the value of secret and personal fields, whatever their spelling', () => {
    const names = [
      'accessToken',
      'refresh_token',
      'X-API-Key',
      'set-cookie',
      'newPassphrase',
      'clientSecret',
      'firstName',
      'given_names',
      'dateOfBirth',
      'documentNumber',
      'passport_no',
      'email',
      'phoneNumber',
      'homeAddress',
      'uuid',
      'fileName',
      'username',
      // Operator accounts and the customer on every record (issue 15).
      'pin',
      'customerReference',
      'reference',
    ];
    const redacted = redactLogEntry(Object.fromEntries(names.map((name) => [name, 'value-42'])));
    expect(redacted).toEqual(Object.fromEntries(names.map((name) => [name, '[redacted]'])));
  });

  it('leaves ordinary context alone, and booleans and nulls under secret names (they carry nothing)', () => {
    const context = { count: 3, service: 'kyc_passport', taskId: 'a1b2', item: '0b6c3d8e-1f2a-4b5c-8d9e-0f1a2b3c4d5e', state: 'done', remembered: true, token: null, password: false, ms: 12 };
    expect(redactLogEntry(context)).toEqual(context);
  });

  it('replaces secrets found by shape in any string: JWTs, bearer tokens, query and JSON pairs, MRZ lines, images', () => {
    expect(redactText(`got ${JWT} back`)).toBe('got [redacted] back');
    expect(redactText('Authorization: Bearer abc.def-123')).toBe('Authorization: [redacted] [redacted]');
    expect(redactText('GET /auth?username=ann&token=abc==&page=2')).toBe('GET /auth?username=[redacted]&token=[redacted]&page=2');
    expect(redactText('{"password":"x y z","count":2}')).toBe('{"password":"[redacted]","count":2}');
    expect(redactText(`lines ${MRZ} and L898902C36UTO7408122F1204159ZE184226B<<<<<10`)).toBe('lines [redacted] and [redacted]');
    expect(redactText('data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==')).toBe('[binary 16 bytes]');
    expect(redactText(`raw ${IMAGE} end`)).toBe('raw [binary 37500 bytes] end');
    // Wrapped base64 (76-character lines) is one image too.
    expect(redactText(IMAGE.slice(0, 7600).replace(/.{76}/g, '$&\n'))).toBe('[binary 5700 bytes]');
    // Not MRZ: too few fillers; not an image: ordinary words and paths.
    expect(redactText('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<');
    expect(redactText('/home/station/.local/share/progeny-station/logs/station.log')).toBe('/home/station/.local/share/progeny-station/logs/station.log');
  });

  it('turns binary values into their size and errors into name and message only', () => {
    class UploadError extends Error {
      override name = 'UploadError';
      readonly request = { headers: { authorization: 'Bearer secret-token-1' } };
    }
    expect(redactLogEntry({ a: Buffer.alloc(10), b: new Uint8Array(4), c: new ArrayBuffer(3), d: JSON.parse(JSON.stringify(Buffer.alloc(5))) as unknown })).toEqual({
      a: '[binary 10 bytes]',
      b: '[binary 4 bytes]',
      c: '[binary 3 bytes]',
      d: '[binary 5 bytes]',
    });
    expect(redactLogEntry({ error: new UploadError('upload refused') })).toEqual({ error: { name: 'UploadError', message: 'upload refused' } });
  });

  it('bounds depth, width, size and cycles without losing shared values', () => {
    const cycle: Record<string, unknown> = { id: 1 };
    cycle.self = cycle;
    const shared = { n: 1 };
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i += 1) deep = { deep };
    const redacted = redactLogEntry({
      cycle,
      pair: [shared, shared],
      wide: Array.from({ length: 80 }, (_, i) => i),
      huge: 'word '.repeat(100_000),
      deep,
    });
    expect(redacted.cycle).toEqual({ id: 1, self: '[circular]' });
    expect(redacted.pair).toEqual([{ n: 1 }, { n: 1 }]);
    expect(redacted.wide).toHaveLength(LOG_LIMITS.maxEntries + 1);
    expect((redacted.wide as unknown[]).at(-1)).toBe('[30 more items]');
    expect((redacted.huge as string).length).toBeLessThan(LOG_LIMITS.maxStringLength + 50);
    expect(redacted.huge).toMatch(/… \[truncated, 500000 characters\]$/);
    expect(JSON.stringify(redacted.deep)).toContain('[nested too deep]');
    expect(JSON.stringify(redacted.deep)).not.toContain('leaf');
  });

  it('drops the word a cut goes through when a string is too long to scan, so half a token cannot slip out', () => {
    const text = `${'x '.repeat((LOG_LIMITS.maxScannedLength - 20) / 2)}${JWT} tail`;
    expect(redactText(text)).not.toContain(JWT.slice(0, 12));
  });
});

describe('a running station logs nothing it must not (end to end)', () => {
  it('submits, drains, signs in and out of live mode with marker data, and no marker reaches logs/', async () => {
    const dataDir = tempDir();
    const marker = {
      fullname: 'Ignatius Marrowfield-Zenk',
      filename: 'Marrowfield-passport-XK4417723.jpg',
      selfieFilename: 'selfie-of-Marrowfield.jpg',
      username: 'operator-marker-ozelot@example.test',
      password: 'live-password-marker-Vq93#',
      wrongPassword: 'wrong-password-marker-Lm02#',
      passphrase: 'store passphrase marker saffron kettle',
    };
    const log = createStationLogger({ scope: 'e2e', dataDir, console: false });
    const sandbox = await startSandbox({
      dataDir: join(dataDir, 'training'),
      analysis: instantEngine,
      taskDurationMs: 50,
      users: [DEFAULT_TRAINING_USER, { username: marker.username, password: marker.password }],
      log,
    });
    const core = createStationCore({
      dataDir,
      log,
      unlock: { isNew: () => true, open: (passphrase) => Promise.resolve(openStore(dataDir, passphraseWrapper(passphrase, { N: 2 ** 14, r: 8, p: 1 }))) },
      progeny: {
        vault: createCredentialVault(),
        serverOverride: sandbox.baseUrl,
        startTraining: () => Promise.resolve({ baseUrl: sandbox.baseUrl, credentials: DEFAULT_TRAINING_USER, close: () => Promise.resolve() }),
      },
    });
    // As a host debugging its bridge might: every request and answer goes to the same log.
    const traced = async (operation: string, payload: unknown) => {
      log.info('bridge request', { operation, payload });
      const result = await core.dispatch(operation, payload);
      log.info('bridge result', { operation, result });
      return result;
    };
    const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/generated', name)).toString('base64');
    const selfie = fixture('selfie-good-a.jpg');
    const passport = fixture('passport-1-1000.jpg');

    expect(await traced('store:unlock', { newPassphrase: marker.passphrase })).toEqual({ ok: true, value: true });
    await signInAsAdmin({ dispatch: (operation, payload) => traced(String(operation), payload) });
    const background = await traced('verification:submit', { service: 'background_check', files: {}, fields: { fullname: marker.fullname, birth_date: '1971-04-12' } });
    const kyc = await traced('verification:submit', {
      service: 'kyc_passport',
      files: {
        selfie_image: { filename: marker.selfieFilename, contentType: 'image/jpeg', data: selfie },
        passport_image: { filename: marker.filename, contentType: 'image/jpeg', data: passport },
      },
      fields: {},
      // The customer as typed: sealed with the record, never in a log line.
      customer: { name: marker.fullname },
      consent: agreedConsent(),
    });
    const ids = [background, kyc].map((result) => (result.ok ? (result.value as { id: string }).id : expect.fail(JSON.stringify(result))));
    const finished = () => ids.every((id) => core.queue!.queue.get(id)?.state === 'done');
    await expect.poll(finished, { timeout: 15_000 }).toBe(true);
    for (const id of ids) await traced('history:detail', { id });

    // Live mode against the same sandbox, signed in with the marker account, then with a wrong password.
    await traced('settings:update', { mode: 'live' });
    expect(await traced('credentials:sign-in', { username: marker.username, password: marker.password, remember: false })).toEqual({ ok: true, value: true });
    const live = await traced('verification:submit', { service: 'background_check', files: {}, fields: { fullname: marker.fullname, birth_date: '1971-04-12' } });
    const liveId = live.ok ? (live.value as { id: string }).id : expect.fail(JSON.stringify(live));
    await expect.poll(() => core.queue!.queue.get(liveId)?.state, { timeout: 15_000 }).toBe('done');
    await traced('credentials:sign-in', { username: marker.username, password: marker.wrongPassword, remember: false });
    await core.progeny!.probe();
    await traced('credentials:sign-out', undefined);
    expect(sandbox.stats.posts.background_check).toBe(2);
    expect(sandbox.stats.posts.kyc_passport).toBe(1);

    await core.close();
    await sandbox.close();
    log.close();

    const logs = readEverything(join(dataDir, 'logs'));
    const text = logs.map((file) => file.text).join('');
    // The log really recorded this run, so the absence of markers below means something.
    expect(text).toContain('"message":"training sandbox started"');
    expect(text).toContain('"operation":"verification:submit"');
    expect(text).toContain('"filename":"[redacted]"');
    expect(text).toContain('"password":"[redacted]"');
    expectNoMarker(logs, {
      ...marker,
      'surname alone': 'Marrowfield',
      'document number in the filename': 'XK4417723',
      'selfie image': selfie.slice(10_000, 10_060),
      'passport image': passport.slice(10_000, 10_060),
    });
  });
});
