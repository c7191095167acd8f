/**
 * The selfie checks on real faces (npm sample photos) and defective variants drawn from each
 * face's own mesh: every variant must fail its own check, and the untouched face must not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Check } from '../../../common/analysis/check';
import type { FaceObservation } from '../../../common/analysis/face';
import { selfieChecks } from '../../../common/analysis/selfie-checks';
import { createNodeAnalysis, type NodeAnalysis } from '../../../main/analysis/node-analysis';
import { EVAL_DEV_DIR, loadEvalDev, rejects } from '../../support/eval-dev';
import { decode, samplePortraits, withExposure, withGaussianBlur, withMask, withMotionBlur, withSunglasses } from '../../support/face-variants';
import { precheck } from '../../../common/analysis/precheck';

let env: NodeAnalysis;
let portraits: Array<{ bytes: Buffer; face: FaceObservation }> = [];

beforeAll(async () => {
  env = await createNodeAnalysis();
  portraits = await samplePortraits(env.faces);
}, 120_000);
afterAll(async () => env?.close());

async function checksOf(bytes: Buffer): Promise<Record<string, Check>> {
  const image = await decode(bytes);
  return Object.fromEntries(selfieChecks(image, await env.faces.detect(image, 'full')).map((c) => [c.id, c]));
}

describe('selfie defects measured on the face (real faces, real models)', () => {
  it('finds enough clear sample faces, and passes them on eyewear, mask, eyes, exposure and blur', async () => {
    expect(portraits.length).toBeGreaterThanOrEqual(4);
    for (const { bytes } of portraits) {
      const c = await checksOf(bytes);
      expect([c['face.eyewear']?.verdict, c['face.mask']?.verdict, c['face.eyes-open']?.verdict, c['face.exposure']?.verdict]).not.toContain('fail');
      expect(c['face.sharpness']?.verdict).not.toBe('fail');
    }
  }, 120_000);

  it('fails sunglasses drawn over the mesh eyes, and does not call the hidden eyes open', async () => {
    for (const { bytes, face } of portraits) {
      const c = await checksOf(await withSunglasses(bytes, face));
      expect(c['face.eyewear']).toMatchObject({ verdict: 'fail', message: expect.stringMatching(/glasses/) });
      expect(c['face.eyewear']?.fixable).toBeUndefined();
      expect(c['face.eyes-open']?.verdict).toBe('fail');
    }
  }, 120_000);

  it('fails a mask over the nose, mouth and chin, in blue, white and black', async () => {
    let measured = 0;
    for (const { bytes, face } of portraits) {
      for (const colour of ['#8fb8de', '#f2f2f2', '#222222']) {
        const c = await checksOf(await withMask(bytes, face, colour));
        // A mask can hide the face from the detector altogether, which face.count already fails.
        if (!c['face.mask']) continue;
        measured += 1;
        expect(c['face.mask']?.verdict, colour).not.toBe('pass');
      }
    }
    expect(measured).toBeGreaterThanOrEqual(portraits.length * 2);
  }, 180_000);

  it('fails Gaussian and motion blur scaled to the face, in any direction', async () => {
    for (const { bytes, face } of portraits.slice(0, 3)) {
      const side = face.box.width;
      for (const blurred of [await withGaussianBlur(bytes, side / 40), await withMotionBlur(bytes, Math.round(side / 12), 0), await withMotionBlur(bytes, Math.round(side / 12), 90)]) {
        expect((await checksOf(blurred))['face.sharpness']?.verdict).toBe('fail');
      }
    }
  }, 120_000);

  it('fails under- and over-exposure of the face, whatever the skin tone', async () => {
    for (const { bytes } of portraits) {
      expect((await checksOf(await withExposure(bytes, 0.3)))['face.exposure']?.verdict).toBe('fail');
      const bright = await checksOf(await withExposure(bytes, 2.5, 60));
      // Washed out far enough, the detector loses the face, which face.count fails instead.
      expect(bright['face.exposure']?.verdict ?? bright['face.count']?.verdict).toBe('fail');
    }
  }, 120_000);

  it('marks a small photo filled by its face as fixable, and a distant face in a large frame as not', async () => {
    const { bytes } = portraits[0]!;
    const small = await checksOf(await (await import('sharp')).default(bytes).resize({ width: 330 }).jpeg().toBuffer());
    expect(small['face.size']).toMatchObject({ verdict: 'fail', fixable: true });
    expect(small['face.size']?.value).toBeGreaterThanOrEqual(100);
    const sharp = (await import('sharp')).default;
    const face = await sharp(bytes).resize({ width: 200 }).toBuffer();
    const distant = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#707780' } })
      .composite([{ input: face }])
      .jpeg()
      .toBuffer();
    const far = await checksOf(distant);
    expect(far['face.size']?.verdict).toBe('fail');
    expect(far['face.size']?.fixable).toBeUndefined();
  }, 60_000);
});

describe('eval-dev face_quality (real labelled selfies)', () => {
  const set = loadEvalDev();
  if ('skip' in set) {
    it.skip(`skipped: ${set.skip}`, () => {});
    console.log(`eval-dev face_quality test skipped: ${set.skip} (looked in ${EVAL_DEV_DIR})`);
    return;
  }
  const entries = set.entries.filter((e) => e.group === 'face_quality');
  it('catches the sunglasses and blur photos by their own checks', async () => {
    for (const entry of entries.filter((e) => e.labels.reasons?.some((r) => r === 'occlusion_sunglasses' || r === 'blur'))) {
      const result = await precheck('selfie', readFileSync(join(set.dir, entry.file)), env);
      const id = entry.labels.reasons!.includes('blur') ? 'face.sharpness' : 'face.eyewear';
      expect(result.checks.find((c) => c.id === id)?.verdict, entry.file).toBe('fail');
      expect(rejects(result), entry.file).toBe(true);
    }
  }, 120_000);

  it('never fails a good selfie on eyewear, mask, eyes, blur or exposure', async () => {
    for (const entry of entries.filter((e) => e.labels.expected === 'pass')) {
      const result = await precheck('selfie', readFileSync(join(set.dir, entry.file)), env);
      const failing = result.checks.filter((c) => c.verdict === 'fail' && ['face.eyewear', 'face.mask', 'face.eyes-open', 'face.sharpness', 'face.exposure'].includes(c.id));
      expect(
        failing.map((c) => c.id),
        entry.file,
      ).toEqual([]);
      const size = result.checks.find((c) => c.id === 'face.size');
      if (size?.verdict === 'fail') expect(size.fixable, entry.file).toBe(true);
    }
  }, 120_000);
});
