/**
 * The tables the result screen and the evidence report say things from: problem code → cause,
 * Progeny's two document flags → one standing, every score → one percentage scale.
 */
import { describe, expect, it } from 'vitest';
import { documentPasses, documentStanding, type DocumentStanding } from '../../../common/services/document-standing';
import { issueCause, ISSUE_CODES, type Cause } from '../../../common/services/issue-causes';
import { livenessReading, qualityReading, similarityReading, TRAINING_PASS_MARKS } from '../../../common/services/score-scales';
import { LIVENESS_THRESHOLDS } from '../../../main/sandbox/liveness-scoring';
import { MATCH_THRESHOLD } from '../../../main/sandbox/face-match';
import { DOCUMENT_ISSUES } from '../../../main/sandbox/document-analysis';
import { LIVENESS_ERRORS } from '../../../main/sandbox/selfie-analysis';

describe('issueCause: the advice follows the cause, not the code', () => {
  it.each<[check: string, code: string, cause: Cause]>([
    ['document', 'DOCUMENT_EXPIRED', 'document-expired'],
    ['compare', 'FACES_DO_NOT_MATCH', 'face-mismatch'],
    ['authentication', 'FACES_DO_NOT_MATCH', 'face-mismatch'],
    ['liveness', 'LIVENESS_FAILED', 'not-live'],
    ['liveness', 'FACE_NOT_FOUND', 'new-selfie'],
    ['liveness', 'FACE_TOO_SMALL', 'new-selfie'],
    ['compare', 'FACE_TOO_SMALL', 'new-selfie'],
    ['liveness', 'FACE_TOO_CLOSE', 'new-selfie'],
    ['liveness', 'FACE_ANGLE_TOO_LARGE', 'new-selfie'],
    ['liveness', 'FACE_EYES_COVERED', 'new-selfie'],
    ['liveness', 'FAILED_TO_READ_IMAGE', 'new-selfie'],
    ['document', 'FAILED_TO_READ_IMAGE', 'new-document-picture'],
    ['document', 'MRZ_NOT_FOUND', 'new-document-picture'],
    ['document', 'DOCUMENT_NOT_FOUND', 'new-document-picture'],
    ['compare', 'PORTRAIT_NOT_FOUND', 'new-document-picture'],
    ['document', 'MRZ_INVALID', 'document-invalid'],
    ['authentication', 'UNKNOWN_UUID', 'register-face'],
    ['authentication', 'FACE_REGISTRATION_OUTDATED', 'register-face'],
    ['liveness', 'Bad POST', 'retry'],
    ['liveness', 'SOMETHING_NEW', 'retry'],
  ])('%s %s → %s', (check, code, cause) => {
    expect(issueCause(check, code)).toBe(cause);
  });

  it('knows every code the training sandbox can report', () => {
    const sandboxCodes = [...Object.keys(LIVENESS_ERRORS), 'LIVENESS_FAILED', ...Object.keys(DOCUMENT_ISSUES), 'FACES_DO_NOT_MATCH', 'UNKNOWN_UUID', 'FACE_REGISTRATION_OUTDATED'];
    expect(sandboxCodes.filter((code) => !Object.hasOwn(ISSUE_CODES, code))).toEqual([]);
  });
});

describe('documentStanding: one statement from is_valid and is_expired', () => {
  it.each<[valid: boolean | null, expired: boolean | null, standing: DocumentStanding, passes: boolean | null]>([
    [true, false, 'valid', true],
    [true, null, 'valid-expiry-unknown', true],
    // The screen used to say "Valid: Yes / Expired: Yes / Failed" for this one.
    [true, true, 'expired', false],
    [null, true, 'expired', false],
    [false, false, 'invalid', false],
    [false, null, 'invalid', false],
    [false, true, 'invalid-and-expired', false],
    [null, null, 'not-reported', null],
    [null, false, 'not-reported', null],
  ])('valid %s, expired %s → %s', (valid, expired, standing, passes) => {
    expect(documentStanding({ valid, expired })).toBe(standing);
    expect(documentPasses(standing)).toBe(passes);
  });

  it('has nothing to say without a document', () => {
    expect(documentStanding(null)).toBe('not-reported');
  });
});

describe('scores on one percentage scale', () => {
  it.each([
    ['the docs’ probability', { probability: 0.930498, score: 2.5943651 }, 93.0498],
    ['the log-odds score alone (9.21 is 99.99 %)', { probability: null, score: 9.21 }, 99.99],
    ['the docs’ score alone gives the docs’ probability', { probability: null, score: 2.5943651 }, 93.0498],
    ['a score of 0 is even odds', { probability: null, score: 0 }, 50],
    ['a probability off the 0–1 scale falls back to the score', { probability: 75.4, score: 1.12 }, 75.4],
    ['nothing usable', { probability: 3, score: null }, null],
  ])('liveness: %s', (_name, liveness, percent) => {
    const reading = livenessReading(liveness);
    expect(reading.scale).toBe('liveness');
    if (percent === null) expect(reading.percent).toBeNull();
    else expect(reading.percent).toBeCloseTo(percent, 1);
  });

  it.each([
    [0.754, 75.4],
    [0, 0],
    [1.2, null],
    [null, null],
  ])('quality %s → %s %', (quality, percent) => {
    const reading = qualityReading({ quality });
    if (percent === null) expect(reading.percent).toBeNull();
    else expect(reading.percent).toBeCloseTo(percent, 6);
  });

  it.each([
    ['scorePercent as sent', { scorePercent: 97.5, matchScore: 19.5 }, 97.5],
    ['matchScore on its 0–20 scale (the docs pair 20.0 with 100.0)', { scorePercent: null, matchScore: 20 }, 100],
    ['matchScore 8', { scorePercent: null, matchScore: 8 }, 40],
    ['out of range', { scorePercent: 140, matchScore: 25 }, null],
  ])('face similarity: %s', (_name, authentication, percent) => {
    expect(similarityReading(authentication).percent).toBe(percent);
  });

  it('shows the training sandbox’s own pass marks, not a copy that drifted', () => {
    expect(TRAINING_PASS_MARKS.liveness).toBeCloseTo(LIVENESS_THRESHOLDS.probability * 100, 9);
    expect(TRAINING_PASS_MARKS.quality).toBeCloseTo(LIVENESS_THRESHOLDS.quality * 100, 9);
    expect(TRAINING_PASS_MARKS.similarity).toBeCloseTo(MATCH_THRESHOLD * 100, 9);
  });
});
