/**
 * Auto-fix on the two repairs added with the file checks: enlarging a small but usable image within
 * the bound, and saving again a JPEG that lost only its end marker (a real scanner file when
 * ../shared/eval-dev is present; a real sample photo cut the same way always).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { readImageHeader } from '../../../common/analysis/image-header';
import { precheck } from '../../../common/analysis/precheck';
import { autofix } from '../../../main/analysis/autofix';
import { EVAL_DEV_DIR } from '../../support/eval-dev';
import { nodeAnalysis } from './analysis-env';

afterAll(async () => (await nodeAnalysis()).close());
const sample = readFileSync('node_modules/@vladmandic/face-api/demo/sample2.jpg');
const find = (result: { checks: Array<{ id: string }> }, id: string) => result.checks.find((c) => c.id === id);

describe('auto-fix conforms small and marker-less images', () => {
  it('enlarges a 600x422 image to 682x480 with Lanczos, and the result passes file.dimensions', async () => {
    const env = await nodeAnalysis();
    const small = await sharp(sample).resize(600, 422, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
    const before = await precheck('passport', small, env);
    expect(find(before, 'file.dimensions')).toMatchObject({ verdict: 'fail', fixable: true });
    const fixed = await autofix(small, before);
    expect(fixed.after).toMatchObject({ width: 682, height: 480 });
    expect(fixed.changes.join(' ')).toMatch(/enlarged from 600x422 to 682x480/);
    expect(find(await precheck('passport', fixed.bytes, env), 'file.dimensions')).toMatchObject({ verdict: 'pass' });
  });

  it('reads a photo that lost its end marker, runs the face checks, and saves it complete', async () => {
    const env = await nodeAnalysis();
    const whole = await sharp(sample).jpeg({ quality: 90 }).toBuffer();
    const cut = whole.subarray(0, whole.length - 2);
    const before = await precheck('selfie', cut, env);
    expect(find(before, 'file.integrity')).toMatchObject({ verdict: 'fail', fixable: true });
    expect(before.faces.length).toBeGreaterThan(0);
    expect(find(before, 'face.count')).toBeDefined();
    const fixed = await autofix(cut, before);
    expect(readImageHeader(fixed.bytes).truncated).toBe(false);
    expect(find(await precheck('selfie', fixed.bytes, env), 'file.integrity')).toMatchObject({ verdict: 'pass' });
  });

  const scan = join(EVAL_DEV_DIR, 'documents/passporteye__98_pass-nld.jpg');
  it.skipIf(!existsSync(scan))('a real scanner JPEG without EOI: fixable, document checks run', async () => {
    const env = await nodeAnalysis();
    const bytes = readFileSync(scan);
    const before = await precheck('passport', bytes, env);
    expect(find(before, 'file.integrity')).toMatchObject({ verdict: 'fail', fixable: true });
    expect(find(before, 'file.decode')).toBeUndefined();
    expect(find(before, 'document.present') ?? find(before, 'document.fill')).toBeDefined();
    const fixed = await autofix(bytes, before);
    expect(readImageHeader(fixed.bytes)).toMatchObject({ truncated: false, displayHeight: 480 });
  });
  if (!existsSync(scan)) console.log(`skipped the real scanner file: ${scan} is not here`);
});
