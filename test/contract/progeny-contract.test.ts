/**
 * One contract suite for the station's client against a Progeny API: always against the training
 * sandbox, and against the live API when PROGENY_LIVE=1 with PROGENY_USERNAME/PROGENY_PASSWORD set.
 * It asserts what the documentation promises, not what the sandbox happens to do.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_IDS, SERVICES, type ServiceId } from '../../common/services/catalog';
import { createProgenyClient, type ProgenyClient, type SubmissionInput } from '../../main/core/progeny/progeny-client';
import { createProgenyHttp } from '../../main/core/progeny/progeny-http';
import { createTokenManager, environmentCredentials, fixedCredentials } from '../../main/core/progeny/token-manager';
import { startSandbox } from '../../main/sandbox/sandbox-server';
import type { Sandbox } from '../../main/sandbox/sandbox-types';
import { DEFAULT_TRAINING_USER } from '../../main/sandbox/sandbox-types';
import { fixture, nodeAnalysis } from '../main/analysis/analysis-env';

const LIVE = process.env.PROGENY_LIVE === '1' && !!process.env.PROGENY_USERNAME && !!process.env.PROGENY_PASSWORD;
const LIVE_REASON = 'live Progeny API: skipped, set PROGENY_LIVE=1, PROGENY_USERNAME and PROGENY_PASSWORD (and PROGENY_BASE_URL if not the default) to run it';
if (!LIVE) console.log(`progeny-contract: ${LIVE_REASON}`);

const jpeg = (name: string) => ({ bytes: fixture(name), filename: name, contentType: 'image/jpeg' });
let registeredUuid = '';
const inputs: Record<ServiceId, () => SubmissionInput> = {
  face_liveness: () => ({ files: { image: jpeg('selfie-good-a.jpg') } }),
  register_face: () => ({ files: { image: jpeg('selfie-good-a.jpg') } }),
  authenticate_face: () => ({ files: { image: jpeg('selfie-mirrored.jpg') }, fields: { uuid: registeredUuid } }),
  ocr_card: () => ({ files: { front_id: jpeg('id-front-good.jpg'), back_id: jpeg('id-back-1.jpg') } }),
  ocr_passport: () => ({ files: { passport_image: jpeg('passport-1-1400.jpg') } }),
  kyc_card: () => ({ files: { selfie_image: jpeg('selfie-good-b.jpg'), front_id: jpeg('id-front-good.jpg'), back_id: jpeg('id-back-1.jpg') } }),
  kyc_passport: () => ({ files: { selfie_image: jpeg('selfie-good-a.jpg'), passport_image: jpeg('passport-1-1400.jpg') } }),
  background_check: () => ({ fields: { fullname: 'Erika Mustermann', birth_date: '1983-08-12' }, files: {} }),
};

interface Target {
  name: string;
  setup(): Promise<{ client: ProgenyClient; close(): Promise<void> }>;
}

const sandboxTarget: Target = {
  name: 'training sandbox',
  async setup() {
    const sandbox: Sandbox = await startSandbox({ dataDir: mkdtempSync(join(tmpdir(), 'station-contract-')), taskDurationMs: 300, analysis: await nodeAnalysis() });
    const http = createProgenyHttp({ baseUrl: sandbox.baseUrl });
    const client = createProgenyClient({ http, tokens: createTokenManager({ http, credentials: fixedCredentials(DEFAULT_TRAINING_USER) }) });
    return { client, close: () => sandbox.close() };
  },
};
const liveTarget: Target = {
  name: 'live Progeny API',
  setup() {
    const http = createProgenyHttp({ baseUrl: process.env.PROGENY_BASE_URL ?? 'https://be.progeny.tech/api/v3' });
    return Promise.resolve({ client: createProgenyClient({ http, tokens: createTokenManager({ http, credentials: environmentCredentials() }) }), close: () => Promise.resolve() });
  },
};

for (const target of [sandboxTarget, liveTarget]) {
  const skipped = target === liveTarget && !LIVE;
  // The reason is in the title, so every report of the skipped tests carries it.
  describe.skipIf(skipped)(`Progeny contract: ${skipped ? LIVE_REASON : target.name}`, () => {
    let client: ProgenyClient;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ client, close } = await target.setup());
    });
    afterAll(async () => {
      await close();
      if (target === sandboxTarget) await (await nodeAnalysis()).close();
    });

    it('issues JWT access and refresh tokens with an expiry', async () => {
      const access = await client.tokens.accessToken();
      const claims = decodeJwt(access);
      expect(claims.token_type).toBe('access');
      expect(typeof claims.exp).toBe('number');
    });

    it.each(SERVICE_IDS.map((id) => [id]))('%s: POST gives a task id and the task ends in a result the model understands', async (service) => {
      if (service === 'authenticate_face' && !registeredUuid) throw new Error('register_face must run first (tests run in order)');
      const submitted = await client.submit(service, inputs[service]());
      expect(submitted.kind).toBe('submitted');
      if (submitted.kind !== 'submitted') return;
      const outcome = await client.poll(service, submitted.taskId);
      expect(outcome.kind).toBe('done');
      if (outcome.kind !== 'done') return;
      expect(outcome.result.taskState).toBe('SUCCESS');
      expect(outcome.result.unrecognised).toBe(false);
      expect(Object.keys(outcome.result.checks).sort()).toEqual([...SERVICES[service].checks].sort());
      if (service === 'register_face') registeredUuid = outcome.result.registration?.uuid ?? '';
      if (target === sandboxTarget) expect(outcome.result.verdict, JSON.stringify(outcome.result.issues)).toBe('verified');
    });

    it('answers a request without its image with a 400 keyed by field', async () => {
      const outcome = await client.submit('face_liveness', { files: {} });
      expect(outcome).toMatchObject({ kind: 'rejected', fields: { image: [expect.any(String)] } });
    });

    it('answers an unknown task with 404', async () => {
      expect(await client.poll('face_liveness', '00000000-0000-4000-8000-000000000000')).toMatchObject({ kind: 'unknown-task' });
    });
  });
}
