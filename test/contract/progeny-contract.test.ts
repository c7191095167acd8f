/**
 * The contract between the station and a Progeny API v3 server: what the docs promise (and, marked
 * "inferred", what the station relies on where they are silent), asserted on the raw responses and
 * on what the station's client makes of them. See docs/progeny-api.md.
 *
 * Targets:
 * - the sandbox, plain and with every quirk (`station sandbox --quirks`): always, so each assertion
 *   is exercised on every run, both ways where the docs allow two answers (an unknown task: 404
 *   from the plain sandbox, PENDING from the quirky one);
 * - the live API: only with PROGENY_LIVE=1 and PROGENY_USERNAME / PROGENY_PASSWORD (PROGENY_BASE_URL
 *   optional). PROGENY_CONTRACT_TARGET=live runs the live API alone; =sandbox (the default) the
 *   sandboxes, plus the live API when PROGENY_LIVE=1.
 * Every skipped target prints why, and carries the reason in its title.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageRole } from '../../common/analysis/check';
import { API_PATHS, DEFAULT_BASE_URL, SERVICE_IDS, SERVICES, type ServiceId } from '../../common/services/catalog';
import { createProgenyClient, type ProgenyClient, type SubmissionInput } from '../../main/core/progeny/progeny-client';
import { createProgenyHttp, type ProgenyHttp } from '../../main/core/progeny/progeny-http';
import { createTokenManager, type Credentials, type TokenManager } from '../../main/core/progeny/token-manager';
import { ALL_QUIRKS, type SandboxQuirk } from '../../main/sandbox/sandbox-quirks';
import { startSandbox } from '../../main/sandbox/sandbox-server';
import { DEFAULT_TRAINING_USER, type Sandbox } from '../../main/sandbox/sandbox-types';
import { fixture, nodeAnalysis } from '../main/analysis/analysis-env';

const TARGET = process.env.PROGENY_CONTRACT_TARGET ?? 'sandbox';
if (TARGET !== 'sandbox' && TARGET !== 'live') throw new Error(`PROGENY_CONTRACT_TARGET must be "sandbox" (default) or "live", not "${TARGET}"`);
const LIVE_CREDENTIALS: Credentials | null = process.env.PROGENY_USERNAME && process.env.PROGENY_PASSWORD ? { username: process.env.PROGENY_USERNAME, password: process.env.PROGENY_PASSWORD } : null;
const LIVE_SKIP_REASON =
  process.env.PROGENY_LIVE !== '1'
    ? 'skipped: set PROGENY_LIVE=1 with PROGENY_USERNAME and PROGENY_PASSWORD (and PROGENY_BASE_URL if not the default) to run it'
    : !LIVE_CREDENTIALS
      ? 'skipped: PROGENY_LIVE=1 but PROGENY_USERNAME or PROGENY_PASSWORD is not set'
      : null;
const SANDBOX_SKIP_REASON = TARGET === 'live' ? 'skipped: PROGENY_CONTRACT_TARGET=live' : null;

interface Target {
  name: string;
  skipReason: string | null;
  /** The sandbox's images pass every check; on the live API the verdict is the provider's. */
  expectVerified: boolean;
  /** The slow task: its poll deadline, the test's own timeout, and how long it runs when known. */
  slowTask: { service: ServiceId; pollDeadlineMs: number; testTimeoutMs: number; atLeastMs: number | null };
  /** Which of the two allowed answers for an unknown task this target gives, when known. */
  unknownTask: 'not-found' | 'running' | null;
  setup(): Promise<{ baseUrl: string; credentials: Credentials; close(): Promise<void> }>;
}

/** kyc_passport runs this long in the sandboxes: a task the client must really wait for. */
const SANDBOX_SLOW_MS = 3000;

function sandboxTarget(name: string, quirks: readonly SandboxQuirk[]): Target {
  return {
    name,
    skipReason: SANDBOX_SKIP_REASON,
    expectVerified: true,
    unknownTask: quirks.includes('unknown-task-pending') ? 'running' : 'not-found',
    slowTask: { service: 'kyc_passport', pollDeadlineMs: 20_000, testTimeoutMs: 40_000, atLeastMs: SANDBOX_SLOW_MS },
    async setup() {
      const sandbox: Sandbox = await startSandbox({
        dataDir: mkdtempSync(join(tmpdir(), 'station-contract-')),
        taskDurationMs: (service) => (service === 'kyc_passport' ? SANDBOX_SLOW_MS : 300),
        analysis: await nodeAnalysis(),
        quirks,
      });
      return { baseUrl: sandbox.baseUrl, credentials: DEFAULT_TRAINING_USER, close: () => sandbox.close() };
    },
  };
}

const TARGETS: Target[] = [
  sandboxTarget('training sandbox', []),
  sandboxTarget('training sandbox --quirks', ALL_QUIRKS),
  {
    name: 'live Progeny API',
    skipReason: LIVE_SKIP_REASON,
    expectVerified: false,
    unknownTask: null,
    // A KYC on the live service may queue behind other customers' tasks.
    slowTask: { service: 'kyc_passport', pollDeadlineMs: 5 * 60_000, testTimeoutMs: 6 * 60_000, atLeastMs: null },
    setup: () => Promise.resolve({ baseUrl: process.env.PROGENY_BASE_URL ?? DEFAULT_BASE_URL, credentials: LIVE_CREDENTIALS!, close: () => Promise.resolve() }),
  },
];
for (const target of TARGETS) if (target.skipReason) console.log(`progeny-contract: ${target.name}: ${target.skipReason}`);

// ── What the docs promise, as predicates on raw JSON ────────────────────────────────────────────

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
/** A boolean, or the spellings the station reads as one: "True"/"false", or a `{result}` block. */
const booleanLike = (value: unknown): boolean => typeof value === 'boolean' || (typeof value === 'string' && /^(true|false)$/i.test(value)) || (isObject(value) && booleanLike(value.result));
/** A number, or a numeric string ("20.0" is documented for matchScore). */
const numberLike = (value: unknown): boolean => (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RUNNING_STATES = ['PENDING', 'RECEIVED', 'STARTED', 'RETRY'];

const at = (value: unknown, path: string): unknown => path.split('.').reduce<unknown>((inner, key) => (isObject(inner) ? inner[key] : undefined), value);

type Expectation = 'boolean' | 'number' | 'string' | 'uuid' | 'array' | 'present';
const fits: Record<Expectation, (value: unknown) => boolean> = {
  boolean: booleanLike,
  number: numberLike,
  string: (value) => typeof value === 'string',
  uuid: (value) => typeof value === 'string' && UUID.test(value),
  array: Array.isArray,
  present: (value) => value !== undefined,
};

/** The documented document fields (the ocr_passport example; inferred for ocr_card and the KYCs). */
const DOCUMENT: Record<string, Expectation> = {
  'document.is_valid': 'boolean',
  'document.is_expired': 'present',
  'document.dateOfBirth': 'present',
  'document.firstName': 'present',
  'document.lastName': 'present',
  'document.dateOfExpiry': 'present',
  'document.documentNumber': 'present',
  'document.sex': 'present',
  'document.nationality': 'present',
  'document.portrait_url': 'present',
};
/** What a passing result's `result.data` holds, per service page. */
const DOCUMENTED_DATA: Record<ServiceId, Record<string, Expectation>> = {
  face_liveness: { 'liveness.result': 'boolean', 'liveness.data.score': 'number', 'liveness.data.quality': 'number', 'liveness.data.probability': 'number' },
  register_face: { uuid: 'uuid' },
  authenticate_face: { 'authentication.result': 'boolean', 'authentication.data.matchScore': 'number', 'authentication.data.scorePercent': 'number', 'liveness.result': 'boolean' },
  ocr_card: DOCUMENT,
  ocr_passport: DOCUMENT,
  kyc_card: { ...DOCUMENT, compare: 'boolean', liveness: 'boolean' },
  kyc_passport: { ...DOCUMENT, compare: 'boolean', liveness: 'boolean' },
  background_check: { 'background_check.potential_match': 'boolean', 'background_check.risk_level': 'string', 'background_check.total_matches': 'number', 'background_check.hits': 'array' },
};

/** The paths of `data` that do not hold what the docs show (empty when all do). */
const undocumented = (service: ServiceId, data: unknown) =>
  Object.entries(DOCUMENTED_DATA[service])
    .filter(([path, expectation]) => !fits[expectation](at(data, path)))
    .map(([path, expectation]) => `${path}: expected ${expectation}, got ${JSON.stringify(at(data, path))}`);

// ── Inputs, built from the catalog as the station builds them ───────────────────────────────────

const IMAGES: Record<ImageRole, string> = { selfie: 'selfie-good-a.jpg', id_front: 'id-front-good.jpg', id_back: 'id-back-1.jpg', passport: 'passport-1-1400.jpg' };
/** The selfie per service: authenticate_face another photo of the registered person, kyc_card the card holder. */
const SELFIE: Partial<Record<ServiceId, string>> = { authenticate_face: 'selfie-mirrored.jpg', kyc_card: 'selfie-good-b.jpg' };

function inputsFor(service: ServiceId, registeredUuid: string): SubmissionInput {
  const files: SubmissionInput['files'] = {};
  for (const { name, role } of SERVICES[service].files) {
    const file = role === 'selfie' ? (SELFIE[service] ?? IMAGES.selfie) : IMAGES[role];
    files[name] = { bytes: fixture(file), filename: file, contentType: 'image/jpeg' };
  }
  const fields: Record<string, string> = {};
  for (const { name, kind } of SERVICES[service].fields) fields[name] = kind === 'uuid' ? registeredUuid : kind === 'date' ? '1983-08-12' : 'Erika Mustermann';
  return { files, fields };
}

afterAll(async () => {
  if (TARGETS.some((t) => t.name.startsWith('training') && !t.skipReason)) await (await nodeAnalysis()).close();
});

for (const target of TARGETS) {
  const skipped = target.skipReason !== null;
  describe.skipIf(skipped)(`Progeny contract: ${target.name}${skipped ? ` (${target.skipReason})` : ''}`, () => {
    let raw: ProgenyHttp;
    let credentials: Credentials;
    let client: ProgenyClient;
    let close: () => Promise<void>;
    let baseUrl: string;
    /** Shifts the token manager's clock: a token it believes expired is refreshed on the next call. */
    let skewMs = 0;
    let tokens: TokenManager;
    const makeClient = (pollDeadlineMs?: number) => createProgenyClient({ http: raw, tokens, ...(pollDeadlineMs ? { pollDeadlineMs } : {}) });
    beforeAll(async () => {
      ({ baseUrl, credentials, close } = await target.setup());
      raw = createProgenyHttp({ baseUrl });
      tokens = createTokenManager({ http: raw, credentials: { get: () => Promise.resolve(credentials) }, now: () => Date.now() + skewMs });
      client = makeClient();
    });
    afterAll(() => close());

    const bearer = async () => tokens.accessToken();
    /** The raw envelope of a task, straight from the task endpoint; `accessToken` null sends none. */
    const taskGet = async (id: string, accessToken?: string | null) =>
      raw({ method: 'GET', path: API_PATHS.task, query: { id }, ...(accessToken === null ? {} : { accessToken: accessToken ?? (await bearer()) }) });

    it('obtain (documented): 200 with an access and a refresh JWT; the access token lives about 5 minutes', async () => {
      const answer = await raw({ method: 'POST', path: API_PATHS.obtainToken, form: { username: credentials.username, password: credentials.password } });
      expect(answer.status).toBe(200);
      const body = answer.body as Json;
      const access = decodeJwt(String(body.access));
      const refresh = decodeJwt(String(body.refresh));
      expect([access.token_type, refresh.token_type]).toEqual(['access', 'refresh']);
      const lifetime = (access.exp ?? 0) - Date.now() / 1000;
      expect(lifetime).toBeGreaterThan(240);
      expect(lifetime).toBeLessThanOrEqual(300 + 5);
      expect(refresh.exp ?? 0).toBeGreaterThan(access.exp ?? 0);
    });

    it('obtain (documented): 401 for a wrong password, 400 naming a missing field', async () => {
      const wrong = await raw({ method: 'POST', path: API_PATHS.obtainToken, form: { username: credentials.username, password: `${credentials.password}-wrong` } });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ detail: expect.any(String) });
      const missing = await raw({ method: 'POST', path: API_PATHS.obtainToken, form: { username: credentials.username } });
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({ password: [expect.any(String)] });
    });

    it('refresh (documented): the refresh endpoint answers a new access token that works', async () => {
      const pair = (await raw({ method: 'POST', path: API_PATHS.obtainToken, form: { username: credentials.username, password: credentials.password } })).body as Json;
      const answer = await raw({ method: 'POST', path: API_PATHS.refreshToken, form: { refresh: String(pair.refresh) } });
      expect(answer.status).toBe(200);
      const body = answer.body as Json;
      const access = decodeJwt(String(body.access));
      expect(access.token_type).toBe('access');
      expect(access.jti).not.toBe(decodeJwt(String(pair.access)).jti);
      // Documented: a new refresh token too. A server without rotation omits it (a quirk the station tolerates).
      if (body.refresh !== undefined) {
        expect(typeof body.refresh).toBe('string');
        expect(decodeJwt(body.refresh as string).token_type).toBe('refresh');
      }
      // Inferred (DRF): no token is 401; the refreshed one is accepted.
      expect([401, 403]).toContain((await taskGet(randomUUID(), null)).status);
      expect((await taskGet(randomUUID(), String(body.access))).status).not.toBe(401);
    });

    it('refresh, forced twice by expiry: the station renews its session and keeps working', async () => {
      await tokens.accessToken();
      const before = { ...tokens.stats };
      for (let round = 1; round <= 2; round += 1) {
        // The manager believes its access token has expired (the server's clock is untouched).
        skewMs = (decodeJwt(await tokens.accessToken()).exp ?? 0) * 1000 - Date.now() + 1000;
        try {
          await tokens.accessToken();
        } finally {
          skewMs = 0;
        }
        expect(tokens.stats.refreshes - before.refreshes, `round ${round}`).toBe(round);
        // A free probe (documented 400, no task created) with the renewed token.
        const probe = await client.submit('face_liveness', { files: {} });
        expect(probe, `round ${round}`).toMatchObject({ kind: 'rejected', fields: { image: [expect.any(String)] } });
      }
      expect(tokens.stats.obtains).toBe(before.obtains);
    });

    it('a service POST without its file (documented): 400 keyed by field, before any task', async () => {
      expect(await client.submit('face_liveness', { files: {} })).toMatchObject({ kind: 'rejected', fields: { image: [expect.any(String)] } });
      expect(await client.submit('background_check', { files: {}, fields: { fullname: 'Erika Mustermann' } })).toMatchObject({ kind: 'rejected', fields: { birth_date: [expect.any(String)] } });
    });

    it('a service POST (documented): 200 with the task id as a UUID', async () => {
      const answer = await raw({ method: 'POST', path: SERVICES.background_check.path, form: { fullname: 'Erika Mustermann', birth_date: '1983-08-12' }, accessToken: await bearer() });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ id: expect.stringMatching(UUID) });
    });

    let registered: (uuid: string) => void = () => undefined;
    const registration = new Promise<string>((resolve) => (registered = resolve));

    describe.concurrent('every service: the client submits, polls to the end, and the raw result holds what the docs show', () => {
      it.for(SERVICE_IDS)('%s', async (service, { expect }) => {
        const uuid = service === 'authenticate_face' ? await registration : '';
        let outcome;
        let submitted;
        try {
          submitted = await client.submit(service, inputsFor(service, uuid));
          expect(submitted.kind).toBe('submitted');
          if (submitted.kind !== 'submitted') return;
          outcome = await client.poll(service, submitted.taskId);
        } finally {
          if (service === 'register_face') registered(outcome?.kind === 'done' ? (outcome.result.registration?.uuid ?? '') : '');
        }
        expect(outcome.kind).toBe('done');
        if (outcome.kind !== 'done') return;

        // The raw envelope, read again: not what the model made of it.
        const answer = await taskGet(submitted.taskId);
        expect(answer.status, 'a finished, passing task answers 200').toBe(200);
        const envelope = answer.body as Json;
        expect(String(envelope.status).toUpperCase()).toBe('SUCCESS');
        expect(numberLike(envelope.id), `envelope id ${JSON.stringify(envelope.id)}`).toBe(true);
        expect(Number(at(envelope, 'result.status'))).toBe(200);
        expect(undocumented(service, at(envelope, 'result.data'))).toEqual([]);

        // The model read every check it reports from the payload (null means "not read").
        expect(outcome.result.unrecognised).toBe(false);
        for (const check of SERVICES[service].checks) expect(typeof outcome.result.checks[check], check).toBe('boolean');
        if (target.expectVerified) expect(outcome.result.verdict, JSON.stringify(outcome.result.issues)).toBe('verified');
      });
    });

    it('extend_data=true (documented): the result carries more than with false', async () => {
      const results: Json[] = [];
      for (const extendData of [false, true]) {
        const submitted = await client.submit('face_liveness', inputsFor('face_liveness', ''), { extendData });
        if (submitted.kind !== 'submitted') throw new Error(`face_liveness extend_data=${extendData}: ${submitted.kind}`);
        expect((await client.poll('face_liveness', submitted.taskId)).kind).toBe('done');
        results.push(at((await taskGet(submitted.taskId)).body, 'result.data') as Json);
      }
      const [plain, extended] = results as [Json, Json];
      expect(Object.keys(extended)).toEqual(expect.arrayContaining(Object.keys(plain)));
      expect(JSON.stringify(extended).length).toBeGreaterThan(JSON.stringify(plain).length);
    });

    it(`a slow task (${target.slowTask.service}) ends within its own deadline`, { timeout: target.slowTask.testTimeoutMs }, async () => {
      const slowClient = makeClient(target.slowTask.pollDeadlineMs);
      const service = target.slowTask.service;
      const submitted = await slowClient.submit(service, inputsFor(service, ''));
      if (submitted.kind !== 'submitted') throw new Error(`${service}: ${submitted.kind}`);
      const outcome = await slowClient.poll(service, submitted.taskId);
      expect(outcome.kind).toBe('done');
      if (outcome.kind !== 'done' || target.slowTask.atLeastMs === null) return;
      expect(outcome.durationMs).toBeGreaterThanOrEqual(target.slowTask.atLeastMs);
      expect(outcome.polls, 'it was seen running before it finished').toBeGreaterThan(1);
    });

    it('an unknown task id (undocumented): 404, or a state that is not final and no result', async () => {
      const answer = await taskGet(randomUUID());
      const envelope = isObject(answer.body) ? answer.body : {};
      const state = String(envelope.status).toUpperCase();
      const kind =
        answer.status === 404
          ? 'not-found'
          : [200, 202].includes(answer.status) && RUNNING_STATES.includes(state) && (envelope.result ?? null) === null
            ? 'running'
            : `HTTP ${answer.status} ${JSON.stringify(answer.body)}`;
      expect(['not-found', 'running']).toContain(kind);
      // The sandboxes give one answer each, so both branches are exercised on every run.
      if (target.unknownTask) expect(kind).toBe(target.unknownTask);
    });
  });
}
