/**
 * The engine records each check's rule from the one table the screens translate
 * (common/analysis/check-rules.ts), with the numbers from requirements.ts filled in.
 * (Node side: it makes a real JPEG with sharp.)
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, checkRule, type CheckId } from '../../../common/analysis/check-rules';
import { mrzChecks } from '../../../common/analysis/document-checks';
import { decodeFailure, inspectFile } from '../../../common/analysis/file-checks';
import { faceCountCheck } from '../../../common/analysis/selfie-checks';

describe('check rules recorded by the engine', () => {
  it('has the engine record the same rule, with its numbers in English', async () => {
    const tiny = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#888' } })
      .jpeg({ quality: 50 })
      .toBuffer();
    const checks = [
      ...inspectFile(new Uint8Array(tiny)).checks,
      decodeFailure('test'),
      faceCountCheck([]),
      ...mrzChecks({ format: null, lines: [], valid: false, expired: null, fields: null } as never),
    ];
    expect(checks.map((check) => check.id)).toEqual(expect.arrayContaining(['file.format', 'file.bytes', 'file.quality', 'file.dimensions', 'file.decode', 'face.count', 'document.mrz']));
    for (const check of checks) {
      expect(CHECK_IDS).toContain(check.id);
      expect(check.threshold, check.id).toBe(checkRule(check.id as CheckId));
      expect(check.threshold, check.id).not.toMatch(/\{\{|undefined/);
    }
    expect(checkRule('file.dimensions')).toBe('Each side 480–4096 px');
    expect(checkRule('file.bytes')).toBe('≤ 2 MB');
    expect(checkRule('face.size')).toBe('≥ 224 px');
  });
});
