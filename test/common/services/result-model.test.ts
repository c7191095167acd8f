import { describe, expect, it } from 'vitest';
import { fieldErrors, normaliseTaskResult, numeric, progenyDate } from '../../../common/services/result-model';

// The documented examples, verbatim from ../shared/progeny-api.md.
const livePass = { id: 2182, status: 'SUCCESS', result: { data: { liveness: { data: { score: 2.5943651, quality: 0.8175214, probability: 0.930498 }, result: true } }, status: 200 } };
const tooSmall = {
  id: 2183,
  status: 'SUCCESS',
  result: { data: { liveness: { result: false, error: 'Absolute face size is too small', error_code: 'FACE_TOO_SMALL' }, issues: { liveness: { FACE_TOO_SMALL: 'Absolute face size is too small' } } }, status: 400 },
};
const notFound = {
  id: 2158,
  status: 'SUCCESS',
  result: { data: { liveness: { data: { error: 'Failed to detect face', error_code: 'FACE_NOT_FOUND' }, result: false }, issues: { liveness: { FACE_NOT_FOUND: 'Failed to detect face' } } }, status: 200 },
};
const registered = { id: 2170, status: 'SUCCESS', result: { status: 200, data: { uuid: 'd3da2b7a-b062-11ec-b3b9-0242ac190002' } } };
const authenticated = {
  id: 2172,
  status: 'SUCCESS',
  result: { status: 200, data: { authentication: { result: true, data: { matchScore: '20.0', scorePercent: '100.0' } }, liveness: { data: { score: 2.5943651, quality: 0.8175214, probability: 0.930498 }, result: true } } },
};
const passport = {
  id: 2188,
  status: 'SUCCESS',
  result: {
    status: 200,
    data: {
      document: {
        is_valid: true,
        is_expired: false,
        dateOfBirth: '1991-9-24',
        age: 30,
        firstName: 'VALERIA',
        lastName: 'PERFILOVA',
        dateOfIssue: 'None-None-None',
        dateOfExpiry: '2023-9-25',
        documentNumber: 'XX008080',
        sex: 'F',
        nationality: 'UKRAINIAN',
        portrait: 'images/services/ocr_passport/9456633680.jpg',
        portrait_url: 'https://dev.progeny.tech/media/images/services/ocr_passport/9456633680.jpg',
      },
      compare: true,
      liveness: true,
    },
  },
};
const background = { background_check: { potential_match: false, risk_level: 'unknown', total_matches: 0, hits: [] } };

describe('normaliseTaskResult on the documented examples', () => {
  it('reads a live face', () => {
    const r = normaliseTaskResult('face_liveness', livePass);
    expect(r).toMatchObject({ verdict: 'verified', resultStatus: 200, checks: { liveness: true }, liveness: { passed: true, score: 2.5943651, quality: 0.8175214, probability: 0.930498 }, issues: [] });
  });

  it('finds error_code directly on the check (FACE_TOO_SMALL) with guidance', () => {
    const r = normaliseTaskResult('face_liveness', tooSmall);
    expect(r.verdict).toBe('not-verified');
    expect(r.resultStatus).toBe(400);
    expect(r.issues).toEqual([{ check: 'liveness', code: 'FACE_TOO_SMALL', message: 'Absolute face size is too small', guidance: expect.stringMatching(/224 px/) }]);
  });

  it('finds error_code inside the check data (FACE_NOT_FOUND), even with result.status 200', () => {
    const r = normaliseTaskResult('face_liveness', notFound);
    expect(r.verdict).toBe('not-verified');
    expect(r.issues.map((i) => i.code)).toEqual(['FACE_NOT_FOUND']);
  });

  it('reads a registration uuid', () => {
    expect(normaliseTaskResult('register_face', registered)).toMatchObject({ verdict: 'verified', registration: { uuid: 'd3da2b7a-b062-11ec-b3b9-0242ac190002' } });
  });

  it('turns numeric strings into numbers', () => {
    expect(normaliseTaskResult('authenticate_face', authenticated)).toMatchObject({ verdict: 'verified', authentication: { passed: true, matchScore: 20, scorePercent: 100 } });
  });

  it('normalises unpadded dates and "None-None-None"', () => {
    const r = normaliseTaskResult('kyc_passport', passport);
    expect(r.document?.fields).toMatchObject({ dateOfBirth: '1991-09-24', dateOfIssue: null, dateOfExpiry: '2023-09-25', age: 30, nationality: 'UKRAINIAN' });
    expect(r.checks).toEqual({ document: true, liveness: true, compare: true });
    expect(r.verdict).toBe('verified');
  });

  it('reads the background-check payload bare or in the envelope', () => {
    expect(normaliseTaskResult('background_check', background)).toMatchObject({ verdict: 'verified', backgroundCheck: { potentialMatch: false, riskLevel: 'unknown', totalMatches: 0 } });
    const hit = { id: 1, status: 'SUCCESS', result: { status: 200, data: { background_check: { potential_match: true, risk_level: 'high', total_matches: 1, hits: [{ name: 'X' }] } } } };
    expect(normaliseTaskResult('background_check', hit)).toMatchObject({ verdict: 'not-verified', checks: { background_check: false } });
  });
});

describe('normaliseTaskResult on what the docs do not show', () => {
  it('marks an expired document as not verified', () => {
    const expired = structuredClone(passport);
    expired.result.data.document.is_expired = true;
    expect(normaliseTaskResult('ocr_passport', expired)).toMatchObject({ verdict: 'not-verified', checks: { document: false } });
  });

  it('keeps an unknown shape raw and asks for review instead of crashing', () => {
    const odd = { id: 9, status: 'SUCCESS', result: { status: 200, data: { something_new: { x: 1 } } } };
    expect(normaliseTaskResult('face_liveness', odd)).toMatchObject({ verdict: 'needs-review', unrecognised: true, raw: odd });
    for (const junk of [null, 'html', 42, [], { status: 'SUCCESS' }]) expect(() => normaliseTaskResult('kyc_card', junk)).not.toThrow();
  });

  it('does not call a FAILURE task verified', () => {
    expect(normaliseTaskResult('face_liveness', { ...livePass, status: 'FAILURE' }).verdict).toBe('needs-review');
  });

  it('gives unknown codes generic guidance', () => {
    const r = normaliseTaskResult('face_liveness', { id: 1, status: 'SUCCESS', result: { status: 400, data: { issues: { liveness: { NEW_CODE: 'something' } } } } });
    expect(r.issues[0]).toMatchObject({ code: 'NEW_CODE', guidance: expect.stringMatching(/pre-check/) });
  });
});

describe('helpers', () => {
  it('parses numbers and dates defensively', () => {
    expect(numeric('20.0')).toBe(20);
    expect(numeric('abc')).toBeNull();
    expect(numeric('')).toBeNull();
    expect(progenyDate('2023-2-30')).toBeNull();
    expect(progenyDate('None-None-None')).toBeNull();
    expect(progenyDate('2000-1-1')).toBe('2000-01-01');
  });

  it('maps DRF 400 bodies to fields', () => {
    expect(fieldErrors({ image: ['No file was submitted.'], uuid: ['This field is required.'] })).toEqual({ image: ['No file was submitted.'], uuid: ['This field is required.'] });
    expect(fieldErrors({ detail: 'Not found.' })).toBeNull();
    expect(fieldErrors('<html>')).toBeNull();
  });
});
