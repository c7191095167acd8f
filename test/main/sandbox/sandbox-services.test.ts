/**
 * Every service end to end over real HTTP, with the real engine on the labelled fixtures: the
 * result shapes the docs show, and results that really follow from the images.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESCRIPTOR_VERSION } from '../../../main/sandbox/face-registry';
import { startSandbox } from '../../../main/sandbox/sandbox-server';
import type { Sandbox } from '../../../main/sandbox/sandbox-types';
import { FRENCH_TD1_SPECIMEN, GERMAN_TD3_SPECIMEN } from '../../fixtures/mrz-specimens';
import { fixture, nodeAnalysis } from '../analysis/analysis-env';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-services-'));
let sandbox: Sandbox;
let auth: Record<string, string>;

beforeAll(async () => {
  sandbox = await startSandbox({ dataDir, analysis: await nodeAnalysis(), taskDurationMs: 0, now: () => NOW });
  auth = await login(sandbox.baseUrl);
});
afterAll(async () => {
  await sandbox.close();
  await (await nodeAnalysis()).close();
});

async function login(base: string): Promise<Record<string, string>> {
  const body = new FormData();
  body.append('username', 'training');
  body.append('password', 'training');
  const { access } = (await (await fetch(`${base}/accounts/token/obtain/`, { method: 'POST', body })).json()) as { access: string };
  return { Authorization: `Bearer ${access}` };
}

/** Parsed JSON, loosely typed on purpose: the tests compare it with toEqual. */
type Json = ReturnType<typeof JSON.parse>;

interface Envelope {
  id: number;
  status: string;
  result: { status: number; data: Json };
}

/** POSTs fixtures and fields, then polls the task until it is final. */
async function run(service: string, files: Record<string, string | Buffer>, fields: Record<string, string> = {}, base = sandbox.baseUrl, headers = auth): Promise<Envelope> {
  const body = new FormData();
  for (const [name, file] of Object.entries(files)) body.append(name, new Blob([typeof file === 'string' ? fixture(file) : file]), typeof file === 'string' ? file : `${name}.jpg`);
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  const posted = await fetch(`${base}/services/${service}/`, { method: 'POST', body, headers });
  expect(posted.status).toBe(200);
  const { id } = (await posted.json()) as { id: string };
  for (let i = 0; i < 600; i += 1) {
    const envelope = (await (await fetch(`${base}/services/task/?id=${id}`, { headers })).json()) as Envelope;
    if (envelope.status === 'SUCCESS' || envelope.status === 'FAILURE') return envelope;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`task ${id} did not finish`);
}

const logit = (p: number) => Math.log(p / (1 - p));

describe('face_liveness', () => {
  it("passes a clear real selfie with Progeny's success shape", async () => {
    const envelope = await run('face_liveness', { image: 'selfie-good-a.jpg' });
    expect(envelope.status).toBe('SUCCESS');
    expect(Number.isInteger(envelope.id)).toBe(true);
    expect(envelope.result.status).toBe(200);
    const { liveness } = envelope.result.data;
    expect(Object.keys(envelope.result.data)).toEqual(['liveness']);
    expect(liveness.result).toBe(true);
    expect(Object.keys(liveness.data).sort()).toEqual(['probability', 'quality', 'score']);
    expect(liveness.data.probability).toBeGreaterThan(0.5);
    expect(liveness.data.probability).toBeLessThan(1);
    expect(liveness.data.score).toBeCloseTo(logit(liveness.data.probability), 4);
    expect(liveness.data.quality).toBeGreaterThan(0.5);
  });

  it('reports a face under 224 px with the FACE_TOO_SMALL shape (result.status 400)', async () => {
    const { result } = await run('face_liveness', { image: 'selfie-face-150.jpg' });
    expect(result).toEqual({
      status: 400,
      data: { liveness: { result: false, error: 'Absolute face size is too small', error_code: 'FACE_TOO_SMALL' }, issues: { liveness: { FACE_TOO_SMALL: 'Absolute face size is too small' } } },
    });
  });

  it("reports no face with the Overview's FACE_NOT_FOUND shape (error inside liveness.data, result.status 200)", async () => {
    const { result } = await run('face_liveness', { image: 'selfie-no-face.jpg' });
    expect(result).toEqual({
      status: 200,
      data: { liveness: { data: { error: 'Failed to detect face', error_code: 'FACE_NOT_FOUND' }, result: false }, issues: { liveness: { FACE_NOT_FOUND: 'Failed to detect face' } } },
    });
  });

  it('reports unreadable and non-JPEG/PNG files as FAILED_TO_READ_IMAGE', async () => {
    for (const file of ['hostile-truncated.jpg', 'selfie-webp.webp', 'hostile-bomb-30000.png']) {
      const { result } = await run('face_liveness', { image: file });
      expect(result.status).toBe(400);
      expect(result.data.liveness).toEqual({ result: false, error: 'Failed to read image', error_code: 'FAILED_TO_READ_IMAGE' });
      expect(result.data.issues.liveness).toEqual({ FAILED_TO_READ_IMAGE: 'Failed to read image' });
    }
  });

  it('reports a face cut off by the edge as FACE_TOO_CLOSE, and adds raw measurements with extend_data', async () => {
    expect((await run('face_liveness', { image: 'selfie-cut-off.jpg' })).result.data.liveness.error_code).toBe('FACE_TOO_CLOSE');
    const extended = await run('face_liveness', { image: 'selfie-good-b.jpg' }, { extend_data: 'true' });
    expect(extended.result.data.extended_data.liveness).toEqual(
      expect.objectContaining({ real: expect.any(Number), live: expect.any(Number), saturation: expect.any(Number), stripes: expect.any(Number) }),
    );
  });
});

describe('register_face and authenticate_face', () => {
  let uuid: string;
  beforeAll(async () => {
    const registered = await run('register_face', { image: 'selfie-good-a.jpg' });
    expect(registered.result.status).toBe(200);
    uuid = registered.result.data.uuid;
    expect(registered.result.data).toEqual({ uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('stores the face embedding in faces.json', () => {
    const file = JSON.parse(readFileSync(join(dataDir, 'faces.json'), 'utf8'));
    expect(file.version).toBe(2);
    expect(file.faces[uuid].descriptor).toBe(DESCRIPTOR_VERSION);
    expect(file.faces[uuid].embedding.length).toBeGreaterThan(100);
  });

  it('authenticates the same person (another photo size) and refuses a different person', async () => {
    const same = await run('authenticate_face', { image: 'selfie-face-400.jpg' }, { uuid });
    expect(same.result.status).toBe(200);
    expect(same.result.data.authentication.result).toBe(true);
    expect(same.result.data.authentication.data).toEqual({ matchScore: expect.stringMatching(/^\d+\.\d$/), scorePercent: expect.stringMatching(/^\d+\.\d$/) });
    expect(Number(same.result.data.authentication.data.scorePercent)).toBeGreaterThanOrEqual(60);
    expect(same.result.data.liveness.result).toBe(true);
    expect(same.result.data.issues).toBeUndefined();

    const other = await run('authenticate_face', { image: 'selfie-good-b.jpg' }, { uuid: uuid.toUpperCase() });
    expect(other.result.data.authentication.result).toBe(false);
    expect(Number(other.result.data.authentication.data.scorePercent)).toBeLessThan(60);
    expect(other.result.data.issues.authentication).toEqual({ FACES_DO_NOT_MATCH: expect.any(String) });
    expect(other.result.data.liveness.result).toBe(true);
  });

  it('answers UNKNOWN_UUID (result.status 400) for a uuid never registered', async () => {
    const { result } = await run('authenticate_face', { image: 'selfie-good-a.jpg' }, { uuid: '6f1c2a9e-1111-4222-8333-944455556666' });
    expect(result).toEqual({ status: 400, data: { authentication: { result: false }, issues: { authentication: { UNKNOWN_UUID: 'No face is registered under this uuid' } } } });
  });

  it('does not register a face that fails the liveness checks', async () => {
    const { result } = await run('register_face', { image: 'selfie-no-face.jpg' });
    expect(result.data.uuid).toBeUndefined();
    expect(result.data.issues.liveness).toEqual({ FACE_NOT_FOUND: 'Failed to detect face' });
  });

  it('keeps registered faces across launches', async () => {
    const again = await startSandbox({ dataDir, analysis: await nodeAnalysis(), taskDurationMs: 0 });
    try {
      const { result } = await run('authenticate_face', { image: 'selfie-good-a.jpg' }, { uuid }, again.baseUrl, await login(again.baseUrl));
      expect(result.data.authentication.result).toBe(true);
    } finally {
      await again.close();
    }
  });
});

describe('ocr_passport and kyc_passport', () => {
  const expected = {
    is_valid: true,
    is_expired: false,
    dateOfBirth: '1983-8-12',
    age: 41,
    firstName: GERMAN_TD3_SPECIMEN.firstName.toUpperCase(),
    lastName: GERMAN_TD3_SPECIMEN.lastName.toUpperCase(),
    dateOfIssue: 'None-None-None',
    dateOfExpiry: '2031-8-1',
    documentNumber: GERMAN_TD3_SPECIMEN.documentNumber,
    sex: GERMAN_TD3_SPECIMEN.sex,
    nationality: 'GERMAN',
    portrait: expect.stringMatching(/^images\/services\/ocr_passport\/\d{10}\.jpg$/),
    portrait_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/media\/images\/services\/ocr_passport\/\d{10}\.jpg$/),
  };

  it("reads the specimen passport's MRZ into Progeny's document object, with a served portrait", async () => {
    const { result } = await run('ocr_passport', { passport_image: 'passport-1-1400.jpg' }, { extend_data: 'false' });
    expect(result).toEqual({ status: 200, data: { document: expected } });
    const portrait = await fetch(result.data.document.portrait_url);
    expect(portrait.status).toBe(200);
    expect(portrait.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await portrait.arrayBuffer())).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBeGreaterThan(150);
  });

  it('flags an expired passport and reports an empty table as unreadable fields', async () => {
    const expired = await run('ocr_passport', { passport_image: 'passport-expired.jpg' }, { extend_data: 'false' });
    expect(expired.result.data.document).toEqual(expect.objectContaining({ is_valid: true, is_expired: true, dateOfExpiry: '2019-7-20', nationality: 'FRENCH' }));
    expect(expired.result.data.issues.document).toEqual({ DOCUMENT_EXPIRED: 'The document has expired' });

    const empty = await run('ocr_passport', { passport_image: 'passport-empty-table.jpg' }, { extend_data: 'false' });
    expect(empty.result.status).toBe(200);
    expect(empty.result.data.document).toEqual(
      expect.objectContaining({ is_valid: false, is_expired: null, dateOfBirth: 'None-None-None', dateOfExpiry: 'None-None-None', firstName: null, documentNumber: null, age: null }),
    );
    expect(Object.keys(empty.result.data.issues.document)).toContain('DOCUMENT_NOT_FOUND');
  });

  it('compares the selfie with the passport portrait', async () => {
    const same = await run('kyc_passport', { selfie_image: 'selfie-good-a.jpg', passport_image: 'passport-1-1400.jpg' }, { extend_data: 'false' });
    expect(same.result.status).toBe(200);
    expect(same.result.data).toEqual({
      document: { ...expected, portrait: expect.stringMatching(/^images\/services\/kyc_passport\//), portrait_url: expect.stringContaining('/media/images/services/kyc_passport/') },
      compare: true,
      liveness: true,
    });
    const other = await run('kyc_passport', { selfie_image: 'selfie-good-c.png', passport_image: 'passport-1-1400.jpg' }, { extend_data: 'false' });
    expect(other.result.data.compare).toBe(false);
    expect(other.result.data.liveness).toBe(true);
    expect(other.result.data.issues.compare).toEqual({ FACES_DO_NOT_MATCH: expect.any(String) });
  });
});

describe('ocr_card and kyc_card', () => {
  it('reads the TD1 MRZ from the back and the portrait from the front', async () => {
    const { result } = await run('ocr_card', { front_id: 'id-front-good.jpg', back_id: 'id-back-1.jpg' }, { extend_data: 'false' });
    expect(result.status).toBe(200);
    expect(result.data.document).toEqual(
      expect.objectContaining({
        is_valid: true,
        dateOfBirth: '1990-1-10',
        dateOfExpiry: '2030-1-1',
        firstName: FRENCH_TD1_SPECIMEN.firstName.toUpperCase(),
        lastName: FRENCH_TD1_SPECIMEN.lastName.toUpperCase(),
        documentNumber: FRENCH_TD1_SPECIMEN.documentNumber,
        nationality: 'FRENCH',
        portrait: expect.stringMatching(/^images\/services\/ocr_card\/\d{10}\.jpg$/),
      }),
    );
  });

  it('reports what is missing: no portrait on the front, an unreadable back', async () => {
    const noPortrait = await run('ocr_card', { front_id: 'id-front-no-portrait.jpg', back_id: 'id-back-2.jpg' }, { extend_data: 'false' });
    expect(noPortrait.result.data.document).toEqual(expect.objectContaining({ is_valid: true, lastName: 'PEETERS', portrait: null, portrait_url: null }));
    expect(noPortrait.result.data.issues.document).toEqual({ PORTRAIT_NOT_FOUND: 'No portrait found on the document' });
    const broken = await run('ocr_card', { front_id: 'id-front-good.jpg', back_id: 'hostile-truncated.jpg' }, { extend_data: 'false' });
    expect(broken.result.status).toBe(400);
    expect(broken.result.data.document).toEqual(expect.objectContaining({ is_valid: false, dateOfBirth: 'None-None-None', documentNumber: null }));
    expect(broken.result.data.issues.document.FAILED_TO_READ_IMAGE).toBeDefined();
  });

  it("matches the card holder's selfie with the card portrait", async () => {
    const { result } = await run('kyc_card', { selfie_image: 'selfie-good-b.jpg', front_id: 'id-front-good.jpg', back_id: 'id-back-1.jpg' }, { extend_data: 'false' });
    expect(result.status).toBe(200);
    expect(result.data.compare).toBe(true);
    expect(result.data.liveness).toBe(true);
    expect(result.data.document.is_valid).toBe(true);
  });
});

describe('background_check', () => {
  const check = async (fullname: string, birthDate: string) => (await run('background_check', {}, { fullname, birth_date: birthDate })).result;

  it('creates a fictional starter watchlist and screens names regardless of case, accents and order', async () => {
    expect(JSON.parse(readFileSync(join(dataDir, 'watchlist.json'), 'utf8')).entries.length).toBeGreaterThan(2);
    const high = await check('ERIKSSON, Ánna-Maria', '1974-08-12');
    expect(high).toEqual({
      status: 200,
      data: {
        background_check: {
          potential_match: true,
          risk_level: 'high',
          total_matches: 1,
          hits: [{ name: 'Anna Maria Eriksson', birth_date: '1974-08-12', list: expect.stringContaining('FICTIONAL'), reason: expect.any(String) }],
        },
      },
    });
    expect((await check('Maria Anna Eriksson', '1990-01-01')).data.background_check.risk_level).toBe('medium');
    expect((await check('Erika Mustermann', '1983-08-12')).data.background_check).toEqual({ potential_match: false, risk_level: 'low', total_matches: 0, hits: [] });
  });

  it('picks up edits to watchlist.json without a restart', async () => {
    const path = join(dataDir, 'watchlist.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.entries.push({ name: 'Zed Trainee', birth_date: '2000-02-29', list: 'LOCAL TEST', reason: 'added by the test' });
    writeFileSync(path, JSON.stringify(file));
    expect((await check('zed trainee', '2000-02-29')).data.background_check.risk_level).toBe('high');
  });
});
