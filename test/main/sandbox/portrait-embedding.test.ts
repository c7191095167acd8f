/**
 * KYC compares the document portrait with the selfie: both descriptors must come from the same
 * normalised face crop (face-embedding.ts). Real faces (npm sample photos) as selfies, and the same
 * faces printed small on a plain card as the document portrait, as on an ID card.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDocument } from '../../../main/sandbox/document-analysis';
import { compareFaces, MATCH_THRESHOLD } from '../../../main/sandbox/face-match';
import { analyseSelfie } from '../../../main/sandbox/selfie-analysis';
import type { SandboxEngine } from '../../../main/sandbox/sandbox-types';
import { decode, portraitsFrom, SAMPLE_PHOTOS } from '../../support/face-variants';
import { nodeAnalysis } from '../analysis/analysis-env';

let engine: SandboxEngine;
/** Per person: the selfie's descriptor, the portrait's as the sandbox computes it, and the whole-card detection's (the old way). */
const people: Array<{ selfie: number[]; portrait: number[]; wholeCard: number[] }> = [];

/** The portrait about 200 px wide on a 1400 × 1000 card, the face about 85 px across. */
const onCard = async (portrait: Buffer) =>
  sharp({ create: { width: 1400, height: 1000, channels: 3, background: '#d8d4c8' } })
    .composite([{ input: await sharp(portrait).resize({ width: 200 }).toBuffer(), left: 120, top: 200 }])
    .jpeg({ quality: 90 })
    .toBuffer();

beforeAll(async () => {
  engine = await nodeAnalysis();
  for (const photo of SAMPLE_PHOTOS.slice(3, 6)) {
    for (const portrait of await portraitsFrom(photo, engine.faces)) {
      const selfie = (await analyseSelfie(portrait, engine)).face?.embedding;
      const card = await onCard(portrait);
      const scanned = (await scanDocument(card, engine, { portrait: true })).portrait?.face.embedding;
      const [whole] = (await engine.faces.detect(await decode(card), 'full')).sort((a, b) => b.box.width - a.box.width);
      if (selfie && scanned && whole?.embedding) people.push({ selfie, portrait: scanned, wholeCard: whole.embedding });
    }
  }
}, 180_000);
afterAll(async () => (await nodeAnalysis()).close());

describe('the document portrait descriptor', () => {
  it('matches the same person’s selfie closely, where the whole-card detection did not always', () => {
    expect(people.length).toBeGreaterThanOrEqual(6);
    const same = people.map((p) => compareFaces(engine.faces, p.selfie, p.portrait).similarity);
    const sameOld = people.map((p) => compareFaces(engine.faces, p.selfie, p.wholeCard).similarity);
    expect(Math.min(...same)).toBeGreaterThan(0.9);
    expect(Math.min(...same)).toBeGreaterThan(Math.min(...sameOld));
  });

  it('accepts fewer other people than the whole-card detection did', () => {
    let accepted = 0;
    let acceptedOld = 0;
    for (const [i, doc] of people.entries()) {
      for (const [j, selfie] of people.entries()) {
        if (i === j) continue;
        if (compareFaces(engine.faces, selfie.selfie, doc.portrait).similarity >= MATCH_THRESHOLD) accepted += 1;
        if (compareFaces(engine.faces, selfie.selfie, doc.wholeCard).similarity >= MATCH_THRESHOLD) acceptedOld += 1;
      }
    }
    expect(accepted).toBeLessThan(acceptedOld);
  });
});
