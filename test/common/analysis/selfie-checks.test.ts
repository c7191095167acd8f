import { faceObservation } from '../../support/face-observation';
import { describe, expect, it } from 'vitest';
import type { FaceObservation } from '../../../common/analysis/face';
import type { RawImage } from '../../../common/analysis/pixels';
import { selfieChecks } from '../../../common/analysis/selfie-checks';

/** A mid-grey image with a checkerboard where the face is: sharp, evenly lit. */
function image(width = 800, height = 1000): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) data.fill(((x >> 2) + (y >> 2)) % 2 ? 170 : 90, (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { width, height, channels: 3, data };
}

const face = faceObservation;
const verdicts = (faces: FaceObservation[]) => Object.fromEntries(selfieChecks(image(), faces).map((c) => [c.id, c.verdict]));

describe('selfieChecks', () => {
  it('passes a well-framed, frontal, sharp face', () => {
    expect(Object.values(verdicts([face()])).every((v) => v === 'pass')).toBe(true);
  });

  it('fails no face and several faces with their own messages', () => {
    expect(selfieChecks(image(), [])[0]).toMatchObject({ id: 'face.count', verdict: 'fail', message: 'No face was found in the photo.' });
    expect(selfieChecks(image(), [face(), face({ box: { x: 10, y: 10, width: 100, height: 100 } })])[0]?.message).toMatch(/2 faces/);
  });

  it("applies Progeny's size and pose limits exactly at their edges", () => {
    expect(verdicts([face({ box: { x: 250, y: 300, width: 224, height: 260 } })])['face.size']).toBe('pass');
    expect(verdicts([face({ box: { x: 250, y: 300, width: 223, height: 260 } })])['face.size']).toBe('fail');
    expect(verdicts([face({ yaw: 25 })])['face.yaw']).toBe('warn');
    expect(verdicts([face({ yaw: -25.5 })])['face.yaw']).toBe('fail');
    expect(verdicts([face({ pitch: 30 })])['face.pitch']).toBe('fail');
    expect(verdicts([face({ roll: 34 })])['face.roll']).toBe('warn');
    expect(verdicts([face({ roll: 36 })])['face.roll']).toBe('fail');
  });

  it('measures eye distance between the mesh eye centres', () => {
    expect(verdicts([face({ leftEye: { x: 424, y: 420 }, rightEye: { x: 340, y: 420 } })])['face.eye-distance']).toBe('fail');
    expect(verdicts([face({ leftEye: null, rightEye: null })])['face.eye-distance']).toBe('warn');
  });

  it('fails a face cut by the edge, and closed eyes (a failure for every selfie role)', () => {
    expect(verdicts([face({ box: { x: 600, y: 300, width: 300, height: 340 } })])['face.cut-off']).toBe('fail');
    expect(verdicts([face({ eyeOpenness: { left: 0.05, right: 0.3 } })])['face.eyes-open']).toBe('fail');
  });

  it('lets auto-fix enlarge a small photo the face fills, within the recogniser floor, and not a distant face', () => {
    const small = { ...image(330, 400) };
    const fills = selfieChecks(small, [face({ box: { x: 90, y: 100, width: 150, height: 170 }, leftEye: { x: 195, y: 160 }, rightEye: { x: 135, y: 160 } })]);
    expect(fills.find((c) => c.id === 'face.size')).toMatchObject({ verdict: 'fail', fixable: true, value: 150 });
    expect(fills.find((c) => c.id === 'face.eye-distance')).toMatchObject({ verdict: 'fail', fixable: true });
    const tiny = selfieChecks(small, [face({ box: { x: 120, y: 150, width: 90, height: 100 } })]);
    expect(tiny.find((c) => c.id === 'face.size')?.fixable).toBeUndefined();
    const distant = selfieChecks(image(), [face({ box: { x: 300, y: 400, width: 150, height: 170 } })]);
    expect(distant.find((c) => c.id === 'face.size')?.fixable).toBeUndefined();
  });
});
