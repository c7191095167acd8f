/**
 * A forged `verification:submit`, as any page on the bridge or any IPC caller can send it, that
 * claims its images passed the pre-check (or that the operator overrode it): main judges Progeny's
 * requirements again from the bytes and refuses each image that does not conform, whatever the
 * request says. Nothing is queued; a conforming selfie still is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../common/result';
import { openBadInputStation, goodSelfie, selfieRequest, upload, type BadInputStation } from '../bad-input/bad-input-station';
import { nonconformingSelfies, padJpeg, type Nonconforming } from '../support/nonconforming-images';

let station: BadInputStation;
let images: Nonconforming[];
beforeAll(async () => {
  station = await openBadInputStation();
  images = await nonconformingSelfies();
});
afterAll(() => station.close());

const submit = (request: unknown) => station.core.dispatch('verification:submit', request) as Promise<Result<{ id: string }>>;
const queued = () => station.core.queue!.queue.counts();

/** What a tampered renderer sends: the image, a clean pre-check record, and an override of advice. */
const forged = (bytes: Uint8Array, service: 'face_liveness' | 'register_face' | 'authenticate_face' = 'face_liveness') => ({
  ...selfieRequest('forged.jpg', bytes),
  service,
  ...(service === 'authenticate_face' ? { fields: { uuid: '0b6c1f2a-9d3e-4c5b-8a7f-1e2d3c4b5a69' } } : {}),
  prechecks: { slots: { image: { role: 'selfie', verdict: 'pass', blocked: false, checks: [], mrz: null, autoFixed: false } }, overridden: ['face.sharpness'] },
  override: { checks: ['face.sharpness'], reason: 'the renderer says this is fine' },
});

describe("main refuses images that break Progeny's requirements, whatever the renderer claims", () => {
  it('each of: 2,000,001 bytes, 400 px wide, JPEG quality 50, no face on a liveness selfie', async () => {
    const before = queued();
    for (const image of images) {
      const result = await submit(forged(image.bytes));
      expect(result, image.name).toMatchObject({ ok: false, error: { code: 'input-rejected', details: { field: 'image' } } });
      if (!result.ok) expect(result.error.message, image.name).toMatch(image.refusal);
    }
    expect(queued()).toEqual(before);
  });

  it('refuses a selfie with no face for every face service and for the KYC selfie', async () => {
    const noFace = images.find((image) => image.check === 'face.count')!.bytes;
    for (const service of ['register_face', 'authenticate_face'] as const) {
      const result = await submit(forged(noFace, service));
      expect(result, service).toMatchObject({ ok: false, error: { code: 'input-rejected', details: { field: 'image' } } });
    }
    const passportPage = goodSelfie; // any conforming JPEG: only the selfie's face is judged here
    const kyc = await submit({ service: 'kyc_passport', files: { selfie_image: upload('s.jpg', noFace), passport_image: upload('p.jpg', passportPage) }, fields: {} });
    expect(kyc).toMatchObject({ ok: false, error: { code: 'input-rejected', details: { field: 'selfie_image' } } });
    if (!kyc.ok) expect(kyc.error.message).toMatch(/selfie_image: No face was found/);
  });

  it("accepts exactly 2,000,000 bytes: the limit is Progeny's decimal 2 MB, not 2 MiB", async () => {
    const result = await submit(selfieRequest('at-the-limit.jpg', padJpeg(goodSelfie, 2_000_000)));
    expect(result).toMatchObject({ ok: true });
  });

  it('refuses an override that names a requirement, even with conforming images', async () => {
    const result = await submit({ ...selfieRequest('fine.jpg'), override: { checks: ['file.bytes', 'face.size'], reason: 'too big but sent anyway' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'input-rejected', details: { field: 'override' } } });
    if (!result.ok) expect(result.error.message).toMatch(/cannot be overridden \(file\.bytes\)/);
  });

  it('still queues a conforming selfie, with an override of advice only', async () => {
    const result = await submit({ ...selfieRequest('fine.jpg'), override: { checks: ['face.count', 'face.sharpness'], reason: 'two faces: the customer holds a baby' } });
    expect(result).toMatchObject({ ok: true });
  });
});
