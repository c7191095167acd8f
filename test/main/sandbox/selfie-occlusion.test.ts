/**
 * The sandbox refuses selfies the pre-check fails for hidden eyes, closed eyes or a covered lower
 * face, with its own codes under issues.liveness, on real faces (npm sample photos) with
 * sunglasses and masks drawn from each face's own mesh; and it reads a JPEG that lost only its
 * end marker, as the pre-check does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceObservation } from '../../../common/analysis/face';
import { readImageHeader } from '../../../common/analysis/image-header';
import { analyseSelfie, decodeUpload, LIVENESS_ERRORS, livenessIssues, occlusionRefusal } from '../../../main/sandbox/selfie-analysis';
import type { SandboxEngine } from '../../../main/sandbox/sandbox-types';
import { decode, samplePortraits, withMask, withSunglasses } from '../../support/face-variants';
import { fixture, nodeAnalysis } from '../analysis/analysis-env';

const OCCLUSION_CODES = ['FACE_EYES_COVERED', 'FACE_EYES_CLOSED', 'FACE_LOWER_COVERED'];

let engine: SandboxEngine;
let portraits: Array<{ bytes: Buffer; face: FaceObservation }> = [];

beforeAll(async () => {
  engine = await nodeAnalysis();
  portraits = await samplePortraits(engine.faces);
}, 120_000);
afterAll(async () => (await nodeAnalysis()).close());

describe('selfies the sandbox refuses as occluded', () => {
  it('does not refuse the untouched faces for occlusion', async () => {
    expect(portraits.length).toBeGreaterThanOrEqual(4);
    for (const { bytes } of portraits) {
      const analysis = await analyseSelfie(bytes, engine);
      expect(OCCLUSION_CODES).not.toContain(analysis.issue?.code);
    }
  }, 120_000);

  it('refuses sunglasses as FACE_EYES_COVERED, reported like FACE_TOO_SMALL (status 400, code on the liveness block)', async () => {
    for (const { bytes, face } of portraits) {
      const analysis = await analyseSelfie(await withSunglasses(bytes, face), engine);
      expect(analysis.status).toBe(400);
      expect(analysis.passed).toBe(false);
      expect(analysis.block).toEqual({ result: false, error: LIVENESS_ERRORS.FACE_EYES_COVERED, error_code: 'FACE_EYES_COVERED' });
      expect(livenessIssues(analysis)).toEqual({ FACE_EYES_COVERED: 'Eyes are covered by dark glasses' });
    }
  }, 120_000);

  it('refuses a mask over the mouth and chin as FACE_LOWER_COVERED (or finds no face at all)', async () => {
    let refusedAsMasked = 0;
    for (const { bytes, face } of portraits) {
      for (const colour of ['#8fb8de', '#f2f2f2', '#222222']) {
        const analysis = await analyseSelfie(await withMask(bytes, face, colour), engine);
        expect(analysis.passed, colour).toBe(false);
        if (analysis.issue?.code === 'FACE_LOWER_COVERED') refusedAsMasked += 1;
      }
    }
    expect(refusedAsMasked).toBeGreaterThanOrEqual(portraits.length * 2);
  }, 180_000);

  it('refuses closed eyes as FACE_EYES_CLOSED: the real face with the detector reporting shut lids', async () => {
    const { bytes, face } = portraits[0]!;
    const image = await decode(bytes);
    expect(occlusionRefusal(image, face)).toBeNull();
    expect(occlusionRefusal(image, { ...face, eyeOpenness: { left: 0.03, right: 0.04 } })).toBe('FACE_EYES_CLOSED');
  });
});

describe('decoding uploads', () => {
  it('reads a JPEG that lost only its end marker, and still refuses one cut off mid-picture', async () => {
    const whole = fixture('selfie-good-a.jpg');
    const noEnd = whole.subarray(0, whole.length - 2);
    expect(readImageHeader(noEnd)).toMatchObject({ truncated: true, pictureComplete: true });
    expect(await decodeUpload(noEnd, engine)).toMatchObject({ width: expect.any(Number), height: expect.any(Number) });
    const half = whole.subarray(0, Math.round(whole.length / 2));
    expect(readImageHeader(half).pictureComplete).toBe(false);
    expect(await decodeUpload(half, engine)).toBeNull();
    expect((await analyseSelfie(half, engine)).issue?.code).toBe('FAILED_TO_READ_IMAGE');
  }, 60_000);
});
