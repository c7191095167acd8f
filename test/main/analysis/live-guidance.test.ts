import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { guideDocumentFrame, guideSelfieFrame, ReadinessTracker } from '../../../common/analysis/live-guidance';
import type { RawImage } from '../../../common/analysis/pixels';
import { fixture, nodeAnalysis } from './analysis-env';
import { withMask, withSunglasses } from '../../support/face-variants';

afterAll(async () => (await nodeAnalysis()).close());

/** A 640x480 camera frame made from a fixture, with the subject at `scale` of the frame height. */
async function frame(name: string, scale = 1, gravity = 'centre'): Promise<RawImage> {
  const subject = await sharp(fixture(name))
    .resize({ width: Math.round(640 * scale), height: Math.round(480 * scale), fit: 'inside' })
    .toBuffer();
  const { data, info } = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#5a5f66' } })
    .composite([{ input: subject, gravity }])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data };
}

const options = { captureScale: 1080 / 480 };

describe('live guidance (fast path, real models)', () => {
  it('says ready for a steady, well-framed face, after enough frames', async () => {
    const env = await nodeAnalysis();
    const image = await frame('selfie-good-a.jpg');
    const faces = await env.faces.detect(image, 'fast');
    const guidance = guideSelfieFrame(image, faces, faces[0] ?? null, options);
    expect(guidance).toEqual({ prompt: 'ready', good: true });
    const tracker = new ReadinessTracker(5);
    const steps = Array.from({ length: 5 }, () => tracker.push(guidance));
    expect(steps.map((s) => s.ready)).toEqual([false, false, false, false, true]);
    expect(steps[0]!.prompt).toBe('hold-still');
  });

  it('asks to move closer when the face would be too small in the still', async () => {
    const env = await nodeAnalysis();
    const image = await frame('selfie-good-a.jpg', 0.45);
    const faces = await env.faces.detect(image, 'fast');
    expect(faces).toHaveLength(1);
    expect(guideSelfieFrame(image, faces, null, options).prompt).toBe('move-closer');
  });

  it('asks for the customer when no face is in view, and for one person when several are', async () => {
    const env = await nodeAnalysis();
    const empty = await frame('selfie-no-face.jpg');
    expect(guideSelfieFrame(empty, await env.faces.detect(empty, 'fast'), null, options).prompt).toBe('no-face');
    const group = await frame('selfie-several-faces.jpg');
    expect(guideSelfieFrame(group, await env.faces.detect(group, 'fast'), null, options).prompt).toBe('one-person');
  });

  it('asks to hold still when the face jumps between frames, and restarts the count', async () => {
    const env = await nodeAnalysis();
    const image = await frame('selfie-good-a.jpg');
    const [face] = await env.faces.detect(image, 'fast');
    const moved = { ...face!, box: { ...face!.box, x: face!.box.x + face!.box.width * 0.2 } };
    const guidance = guideSelfieFrame(image, [face!], moved, options);
    expect(guidance.prompt).toBe('hold-still');
    const tracker = new ReadinessTracker(2);
    tracker.push({ prompt: 'ready', good: true });
    expect(tracker.push(guidance).ready).toBe(false);
    expect(tracker.push({ prompt: 'ready', good: true }).ready).toBe(false);
  });

  it("asks to take off sunglasses and to lower a mask, from the fast path's mesh", async () => {
    const env = await nodeAnalysis();
    const still = fixture('selfie-good-a.jpg');
    const { data, info } = await sharp(still).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const [face] = await env.faces.detect({ width: info.width, height: info.height, channels: 3, data }, 'full');
    for (const [variant, prompt] of [
      [await withSunglasses(still, face!), 'remove-sunglasses'],
      [await withMask(still, face!), 'lower-mask'],
    ] as const) {
      const subject = await sharp(variant).resize({ width: 640, height: 480, fit: 'inside' }).toBuffer();
      const composed = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#5a5f66' } })
        .composite([{ input: subject, gravity: 'centre' }])
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const image = { width: 640, height: 480, channels: 3 as const, data: composed.data };
      expect(guideSelfieFrame(image, await env.faces.detect(image, 'fast'), null, options).prompt).toBe(prompt);
    }
  });

  it('guides a document frame: show it, then straighten it', async () => {
    const blank = await frame('selfie-no-face.jpg', 0.01);
    expect(guideDocumentFrame(blank, null).prompt).toBe('show-document');
    const card = await sharp(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="500" height="352"><rect width="100%" height="100%" fill="#ece8dc"/><rect x="40" y="60" width="300" height="20" fill="#333"/></svg>'),
    )
      .rotate(12, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer();
    const { data, info } = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#34383d' } })
      .composite([{ input: card, gravity: 'centre' }])
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(guideDocumentFrame({ width: info.width, height: info.height, channels: 3, data }, null).prompt).toBe('straighten-document');
  });
});
