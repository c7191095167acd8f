import { describe, expect, it } from 'vitest';
import { summarise, type Check, type Verdict } from '../../../common/analysis/check';
import type { PrecheckResult } from '../../../common/analysis/precheck';
import { diffReports, firstAttempt, fixTargetSize, nextAttempt } from '../../../common/analysis/autofix-plan';
import { faceObservation } from '../../support/face-observation';

const check = (id: string, verdict: Verdict): Check => ({ id, value: null, threshold: '', verdict, message: '', guidance: '' });

function report(role: PrecheckResult['role'], checks: Check[] = [], extra: Partial<PrecheckResult> = {}): PrecheckResult {
  return {
    ...summarise(role, checks),
    file: { format: 'jpeg', width: 0, height: 0, orientation: 1, displayWidth: 0, displayHeight: 0, hasExif: false, hasGps: false, truncated: false },
    faces: [],
    document: null,
    mrz: null,
    elapsedMs: 0,
    ...extra,
  };
}

describe('fixTargetSize', () => {
  it('brings a large photo down to the recommended 1080 px height, keeping the aspect ratio', () => {
    expect(fixTargetSize({ width: 4000, height: 3000 }, report('id_front'))).toEqual({ width: 1440, height: 1080 });
  });

  it('leaves an image alone when it is within every size limit', () => {
    expect(fixTargetSize({ width: 800, height: 600 }, report('id_front'))).toEqual({ width: 800, height: 600 });
  });

  it('enlarges a small scan just enough for each side to reach 480 px', () => {
    expect(fixTargetSize({ width: 600, height: 422 }, report('passport'))).toEqual({ width: 682, height: 480 });
  });

  it('enlarges a selfie whose face.size is fixable until the face clears 224 px with a margin', () => {
    const faceSize: Check = { ...check('face.size', 'fail'), value: 200, fixable: true };
    const size = fixTargetSize({ width: 400, height: 400 }, report('selfie', [faceSize]));
    // 224 px × 1.1 margin / 200 px = 1.232, more than the 1.2 the 480 px side needs.
    expect(size).toEqual({ width: 493, height: 493 });
    expect((200 * size.height) / 400).toBeGreaterThanOrEqual(224);
  });

  it('does not enlarge past the 2.5x bound (the image must be taken again)', () => {
    expect(fixTargetSize({ width: 80, height: 54 }, report('selfie'))).toEqual({ width: 80, height: 54 });
    const faceSize: Check = { ...check('face.size', 'fail'), value: 60, fixable: true };
    expect(fixTargetSize({ width: 800, height: 600 }, report('selfie', [faceSize]))).toEqual({ width: 800, height: 600 });
  });

  it('keeps a selfie tall enough for its face to stay over the minimum face size', () => {
    // The face is 300 px in a 3000 px photo: at 1080 px it would be 108 px, under the 224 px minimum.
    const face = faceObservation({ box: { x: 1800, y: 1200, width: 300, height: 300 } });
    const size = fixTargetSize({ width: 4000, height: 3000 }, report('selfie', [], { faces: [face] }));
    expect(size.height).toBe(2240);
    expect(size.width).toBe(Math.round((4000 * 2240) / 3000));
  });

  it('never leaves a side over the 4096 px file limit, whatever the face needs', () => {
    const face = faceObservation({ box: { x: 100, y: 100, width: 230, height: 230 } });
    const size = fixTargetSize({ width: 9000, height: 6000 }, report('selfie', [], { faces: [face] }));
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(4096);
  });
});

describe('nextAttempt', () => {
  const original = { width: 4000, height: 3000 };
  const plain = report('id_front');

  it('stops as soon as the encoded file fits 2 MB', () => {
    expect(nextAttempt(firstAttempt(original, plain), 1_500_000, original, plain)).toBeNull();
  });

  it('lowers the quality in steps of 5, then shrinks, then gives up at the minimum size', () => {
    let attempt = firstAttempt(original, plain);
    expect(attempt.quality).toBe(85);
    const qualities: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      attempt = nextAttempt(attempt, 3_000_000, original, plain)!;
      qualities.push(attempt.quality);
    }
    expect(qualities).toEqual([80, 75, 70]);
    const shrunk = nextAttempt(attempt, 3_000_000, original, plain)!;
    expect(shrunk).toMatchObject({ quality: 70, height: 972 });
    let last = shrunk;
    for (let step = nextAttempt(last, 3_000_000, original, plain); step; step = nextAttempt(last, 3_000_000, original, plain)) last = step;
    expect(last.height).toBe(480);
  });
});

describe('diffReports', () => {
  it('lists only the checks whose verdict changed, in report order', () => {
    const before = report('selfie', [check('file.format', 'fail'), check('file.bytes', 'pass'), check('face.size', 'warn')]);
    const after = report('selfie', [check('file.format', 'pass'), check('file.bytes', 'pass'), check('face.size', 'fail')]);
    expect(diffReports(before, after)).toEqual([
      { id: 'file.format', before: 'fail', after: 'pass' },
      { id: 'face.size', before: 'warn', after: 'fail' },
    ]);
  });

  it('counts orientation and location warnings that disappear as passed', () => {
    const before = report('selfie', [check('file.orientation', 'warn'), check('file.metadata', 'warn')]);
    expect(diffReports(before, report('selfie'))).toEqual([
      { id: 'file.orientation', before: 'warn', after: 'pass' },
      { id: 'file.metadata', before: 'warn', after: 'pass' },
    ]);
  });

  it('says "not checked" for checks that ran on only one of the two versions', () => {
    const before = report('selfie', [check('file.dimensions', 'fail')]);
    const after = report('selfie', [check('file.dimensions', 'pass'), check('file.height', 'pass')]);
    expect(diffReports(before, after)).toEqual([
      { id: 'file.dimensions', before: 'fail', after: 'pass' },
      { id: 'file.height', before: null, after: 'pass' },
    ]);
  });
});
