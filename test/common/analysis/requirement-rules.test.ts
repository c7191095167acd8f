import { describe, expect, it } from 'vitest';
import type { Check, ImageRole } from '../../../common/analysis/check';
import { unmetRequirementsOf } from '../../../common/analysis/conformance';
import { inspectFile } from '../../../common/analysis/file-checks';
import { breaksRequirement, failedAdvice, neverOverridable, remedyFor, requirementIds, unmetRequirements } from '../../../common/analysis/requirement-rules';
import { REQUIREMENTS } from '../../../common/analysis/requirements';
import { SERVICE_IDS, SERVICES } from '../../../common/services/catalog';
import { KNOWN_CHECKS } from '../../../renderer/capture/check-text';
import { intakeFaceEngine } from '../../../main/analysis/intake-face-engine';
import { fixture } from '../../main/analysis/analysis-env';
import { nonconformingSelfies, padJpeg } from '../../support/nonconforming-images';

const FILE_REQUIREMENTS = ['file.format', 'file.bytes', 'file.dimensions', 'file.quality', 'file.integrity', 'file.pixels', 'file.decode'];
const failed = (id: string, value: Check['value'] = 1, extra: Partial<Check> = {}): Check => ({ id, value, threshold: '', verdict: 'fail', message: '', guidance: '', ...extra });

describe("which checks are Progeny's requirements, per service", () => {
  // One row per service: the checks that block each of its images (no override can accept them).
  it.each([
    ['face_liveness', { image: [...FILE_REQUIREMENTS, 'face.count'] }],
    ['register_face', { image: [...FILE_REQUIREMENTS, 'face.count'] }],
    ['authenticate_face', { image: [...FILE_REQUIREMENTS, 'face.count'] }],
    ['kyc_passport', { selfie_image: [...FILE_REQUIREMENTS, 'face.count'], passport_image: FILE_REQUIREMENTS }],
    ['kyc_card', { selfie_image: [...FILE_REQUIREMENTS, 'face.count'], front_id: FILE_REQUIREMENTS, back_id: FILE_REQUIREMENTS }],
    ['ocr_passport', { passport_image: FILE_REQUIREMENTS }],
    ['ocr_card', { front_id: FILE_REQUIREMENTS, back_id: FILE_REQUIREMENTS }],
    ['background_check', {}],
  ] as const)('%s', (service, expected) => {
    const byFile = Object.fromEntries(SERVICES[service].files.map((file) => [file.name, requirementIds(file.role)]));
    expect(byFile).toEqual(expected);
  });

  it('covers every service of the catalog, and names only checks the report card can translate', () => {
    expect(SERVICE_IDS.length).toBe(8);
    for (const role of ['selfie', 'id_front', 'id_back', 'passport'] as ImageRole[]) {
      for (const id of requirementIds(role)) expect(KNOWN_CHECKS).toContain(id);
    }
  });

  // One row per finding: does it block (requirement) or may the operator send anyway (advice)?
  it.each([
    ['selfie', failed('file.bytes'), true],
    ['selfie', failed('file.dimensions'), true],
    ['selfie', failed('file.quality', 50), true],
    ['passport', failed('file.format', 'webp'), true],
    ['selfie', failed('face.count', 0), true],
    ['selfie', failed('face.count', 2), false],
    ['passport', failed('face.count', 0), false],
    ['selfie', failed('face.size', 180), false],
    ['selfie', failed('face.yaw', 30), false],
    ['selfie', failed('face.sharpness', 0.8), false],
    ['selfie', failed('face.exposure', 40), false],
    ['passport', failed('document.glare', 0.1), false],
    ['passport', failed('document.tilt', 15), false],
    ['selfie', { ...failed('file.bytes'), verdict: 'warn' }, false],
    ['selfie', { ...failed('file.height'), verdict: 'warn' }, false],
  ] as const)('%s %o → blocks: %s', (role, check, blocks) => {
    expect(breaksRequirement(role, check)).toBe(blocks);
    expect(unmetRequirements(role, [check]).length > 0).toBe(blocks);
    expect(failedAdvice(role, [check]).length > 0).toBe(check.verdict === 'fail' && !blocks);
  });

  it('never lets an override name a file requirement; several faces on a selfie stay overridable', () => {
    for (const id of FILE_REQUIREMENTS) expect(neverOverridable('passport', id)).toBe(true);
    expect(neverOverridable('selfie', 'face.count')).toBe(false);
    expect(neverOverridable('selfie', 'face.size')).toBe(false);
  });

  it('offers the auto-fix only when it repairs every broken requirement', () => {
    expect(remedyFor([failed('file.bytes', 1, { fixable: true }), failed('file.dimensions', 1, { fixable: true })])).toBe('fix');
    expect(remedyFor([failed('file.bytes', 1, { fixable: true }), failed('file.quality', 50)])).toBe('retake');
    expect(remedyFor([failed('face.count', 0)])).toBe('retake');
    expect(remedyFor([failed('file.bytes', 1, { hard: true })])).toBe('retake');
  });
});

describe("the byte limit is Progeny's 2 MB: 2,000,000 bytes", () => {
  it('is one constant, and the file check fails one byte above it', () => {
    expect(REQUIREMENTS.file.maxBytes.value).toBe(2_000_000);
    const good = fixture('selfie-good-a.jpg');
    expect(inspectFile(padJpeg(good, 2_000_000)).checks.find((c) => c.id === 'file.bytes')).toMatchObject({ verdict: 'pass' });
    expect(inspectFile(padJpeg(good, 2_000_001)).checks.find((c) => c.id === 'file.bytes')).toMatchObject({ verdict: 'fail', fixable: true });
  });
});

describe("unmetRequirementsOf (main's and the CLI's check, from the bytes)", () => {
  it('finds exactly the broken requirement of each nonconforming selfie, and none on a good one', async () => {
    for (const image of await nonconformingSelfies()) {
      expect(
        (await unmetRequirementsOf('selfie', image.bytes, intakeFaceEngine)).map((c) => c.id),
        image.name,
      ).toEqual([image.check]);
    }
    expect(await unmetRequirementsOf('selfie', fixture('selfie-good-a.jpg'), intakeFaceEngine)).toEqual([]);
  });

  it('does not look for a face on a document, and never loads the face engine for a refused file', async () => {
    const noFace = (await nonconformingSelfies()).find((image) => image.check === 'face.count')!.bytes;
    const unused = () => Promise.reject(new Error('the face engine must not be needed here'));
    expect(await unmetRequirementsOf('passport', noFace, unused)).toEqual([]);
    const big = padJpeg(fixture('selfie-good-a.jpg'), 2_000_001);
    expect((await unmetRequirementsOf('selfie', big, unused)).map((c) => c.id)).toEqual(['file.bytes']);
    await expect(unmetRequirementsOf('selfie', fixture('selfie-good-a.jpg'), unused)).rejects.toThrow(/must not be needed/);
  });
});
