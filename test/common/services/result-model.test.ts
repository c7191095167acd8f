import { describe, expect, it } from 'vitest';
import { SERVICE_IDS, SERVICES } from '../../../common/services/catalog';
import { fieldErrors, normaliseTaskResult, numeric, progenyDate } from '../../../common/services/result-model';

// The documented examples, verbatim from the Progeny docs pages (listed in docs/progeny-api.md).
const livePass = { id: 2182, status: 'SUCCESS', result: { data: { liveness: { data: { score: 2.5943651, quality: 0.8175214, probability: 0.930498 }, result: true } }, status: 200 } };
const tooSmall = {
  id: 2183,
  status: 'SUCCESS',
  result: {
    data: { liveness: { result: false, error: 'Absolute face size is too small', error_code: 'FACE_TOO_SMALL' }, issues: { liveness: { FACE_TOO_SMALL: 'Absolute face size is too small' } } },
    status: 400,
  },
};
const notFound = {
  id: 2158,
  status: 'SUCCESS',
  result: {
    data: { liveness: { data: { error: 'Failed to detect face', error_code: 'FACE_NOT_FOUND' }, result: false }, issues: { liveness: { FACE_NOT_FOUND: 'Failed to detect face' } } },
    status: 200,
  },
};
const registered = { id: 2170, status: 'SUCCESS', result: { status: 200, data: { uuid: 'd3da2b7a-b062-11ec-b3b9-0242ac190002' } } };
const authenticated = {
  id: 2172,
  status: 'SUCCESS',
  result: {
    status: 200,
    data: { authentication: { result: true, data: { matchScore: '20.0', scorePercent: '100.0' } }, liveness: { data: { score: 2.5943651, quality: 0.8175214, probability: 0.930498 }, result: true } },
  },
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
    expect(r).toMatchObject({
      verdict: 'verified',
      resultStatus: 200,
      checks: { liveness: true },
      liveness: { passed: true, score: 2.5943651, quality: 0.8175214, probability: 0.930498 },
      issues: [],
    });
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

type Envelope = Record<string, unknown>;
const envelope = (data: unknown, extra: Envelope = {}): Envelope => ({ id: 7, status: 'SUCCESS', result: { status: 200, data }, ...extra });
const kycData = (over: Record<string, unknown> = {}) => ({ ...structuredClone(passport.result.data), ...over });
const doc = (over: Record<string, unknown>) => ({ ...passport.result.data.document, ...over });
const reason = (code: string, path: string | null = null): unknown => expect.objectContaining({ code, path });

/**
 * One row per shape: the documented ones, then each plausible variant. Each row states the verdict,
 * the exact `checks` (a check the payload does not carry must not appear) and the exact review
 * reasons (code and path), so a model that guesses, or fills keys it did not read, fails a row.
 */
const rows: Array<{ name: string; service: Parameters<typeof normaliseTaskResult>[0]; body: unknown; verdict: string; checks: Record<string, boolean | null>; reasons: unknown[] }> = [
  // Documented shapes.
  { name: 'documented live face', service: 'face_liveness', body: livePass, verdict: 'verified', checks: { liveness: true }, reasons: [] },
  { name: 'documented FACE_TOO_SMALL (result.status 400)', service: 'face_liveness', body: tooSmall, verdict: 'not-verified', checks: { liveness: false }, reasons: [] },
  { name: 'documented FACE_NOT_FOUND (result.status 200)', service: 'face_liveness', body: notFound, verdict: 'not-verified', checks: { liveness: false }, reasons: [] },
  { name: 'documented registration', service: 'register_face', body: registered, verdict: 'verified', checks: { registration: true }, reasons: [] },
  { name: 'documented authentication', service: 'authenticate_face', body: authenticated, verdict: 'verified', checks: { authentication: true, liveness: true }, reasons: [] },
  { name: 'documented passport result as kyc_passport', service: 'kyc_passport', body: passport, verdict: 'verified', checks: { document: true, liveness: true, compare: true }, reasons: [] },
  { name: 'documented bare background-check payload', service: 'background_check', body: background, verdict: 'verified', checks: { background_check: true }, reasons: [] },
  // Task states in any case, and the ones that are not a finished success.
  { name: 'state in lower case', service: 'face_liveness', body: { ...livePass, status: 'success' }, verdict: 'verified', checks: { liveness: true }, reasons: [] },
  { name: 'state in mixed case with spaces', service: 'face_liveness', body: { ...livePass, status: ' Success ' }, verdict: 'verified', checks: { liveness: true }, reasons: [] },
  {
    name: 'FAILURE',
    service: 'face_liveness',
    body: { id: 1, status: 'FAILURE', result: { exc_type: 'ValueError', exc_message: ['boom'] } },
    verdict: 'needs-review',
    checks: {},
    reasons: [reason('task-failed', 'status'), reason('result-missing')],
  },
  {
    name: 'revoked, lower case, with a result',
    service: 'face_liveness',
    body: { ...livePass, status: 'revoked' },
    verdict: 'needs-review',
    checks: { liveness: true },
    reasons: [reason('task-revoked', 'status')],
  },
  {
    name: 'a running state where a result was expected',
    service: 'face_liveness',
    body: { id: 1, status: 'Pending', result: null },
    verdict: 'needs-review',
    checks: {},
    reasons: [reason('task-unfinished', 'status'), reason('result-missing')],
  },
  {
    name: 'an unfamiliar state with a full result',
    service: 'face_liveness',
    body: { ...livePass, status: 'DONE' },
    verdict: 'needs-review',
    checks: { liveness: true },
    reasons: [{ code: 'task-state-unfamiliar', path: 'status', value: '"DONE"' }],
  },
  {
    name: 'no state with a full result',
    service: 'face_liveness',
    body: { id: 1, result: livePass.result },
    verdict: 'needs-review',
    checks: { liveness: true },
    reasons: [reason('task-state-missing', 'status')],
  },
  { name: 'not an object at all', service: 'kyc_card', body: '<html>', verdict: 'needs-review', checks: {}, reasons: [reason('task-state-missing', 'status'), reason('result-missing')] },
  // Booleans as text or numbers.
  {
    name: 'Python booleans as text ("True"/"False")',
    service: 'kyc_passport',
    body: envelope(kycData({ document: doc({ is_valid: 'True', is_expired: 'False' }), compare: 'True', liveness: 'True' })),
    verdict: 'verified',
    checks: { document: true, liveness: true, compare: true },
    reasons: [],
  },
  {
    name: 'compare "false" in lower case',
    service: 'kyc_passport',
    body: envelope(kycData({ compare: 'false' })),
    verdict: 'not-verified',
    checks: { document: true, liveness: true, compare: false },
    reasons: [],
  },
  {
    name: 'booleans as 1 and 0',
    service: 'kyc_card',
    body: envelope(kycData({ document: doc({ is_valid: 1, is_expired: 0 }), liveness: { result: 1 }, compare: 0 })),
    verdict: 'not-verified',
    checks: { document: true, liveness: true, compare: false },
    reasons: [],
  },
  { name: 'a liveness result of "1"', service: 'face_liveness', body: envelope({ liveness: { result: '1', data: { score: 2 } } }), verdict: 'verified', checks: { liveness: true }, reasons: [] },
  {
    name: 'a boolean that is neither',
    service: 'face_liveness',
    body: envelope({ liveness: { result: 'maybe' } }),
    verdict: 'needs-review',
    checks: { liveness: null },
    reasons: [{ code: 'value-unreadable', path: 'liveness.result', value: '"maybe"' }],
  },
  {
    name: 'the number 2 as a boolean',
    service: 'kyc_passport',
    body: envelope(kycData({ compare: 2 })),
    verdict: 'needs-review',
    checks: { document: true, liveness: true, compare: null },
    reasons: [{ code: 'value-unreadable', path: 'compare', value: '2' }],
  },
  // compare / authentication / liveness as objects or booleans.
  {
    name: 'compare as an object with scores',
    service: 'kyc_card',
    body: envelope(kycData({ compare: { result: true, data: { matchScore: '20.0', scorePercent: '100.0' } } })),
    verdict: 'verified',
    checks: { document: true, liveness: true, compare: true },
    reasons: [],
  },
  {
    name: 'compare as an object with "False" and a score',
    service: 'kyc_card',
    body: envelope(kycData({ compare: { result: 'False', score: 0.21 } })),
    verdict: 'not-verified',
    checks: { document: true, liveness: true, compare: false },
    reasons: [],
  },
  {
    name: 'compare as an object that does not say',
    service: 'kyc_card',
    body: envelope(kycData({ compare: { score: 0.93 } })),
    verdict: 'needs-review',
    checks: { document: true, liveness: true, compare: null },
    reasons: [reason('check-missing', 'compare.result')],
  },
  {
    name: 'liveness as an object in a kyc result',
    service: 'kyc_passport',
    body: envelope(kycData({ liveness: { result: true, data: { score: 2.1 } } })),
    verdict: 'verified',
    checks: { document: true, liveness: true, compare: true },
    reasons: [],
  },
  {
    name: 'authentication as a bare boolean',
    service: 'authenticate_face',
    body: envelope({ authentication: true, liveness: true }),
    verdict: 'verified',
    checks: { authentication: true, liveness: true },
    reasons: [],
  },
  {
    name: 'authentication as "False" text',
    service: 'authenticate_face',
    body: envelope({ authentication: { result: 'False' }, liveness: { result: true } }),
    verdict: 'not-verified',
    checks: { authentication: false, liveness: true },
    reasons: [],
  },
  {
    name: 'authentication unreadable',
    service: 'authenticate_face',
    body: envelope({ authentication: 'matched', liveness: true }),
    verdict: 'needs-review',
    checks: { authentication: null, liveness: true },
    reasons: [reason('value-unreadable', 'authentication')],
  },
  // Missing checks: not filled in, named.
  {
    name: 'a kyc result without liveness',
    service: 'kyc_passport',
    body: envelope(kycData({ liveness: undefined })),
    verdict: 'needs-review',
    checks: { document: true, compare: true },
    reasons: [reason('check-missing', 'liveness')],
  },
  {
    name: 'a kyc result with only a failed liveness',
    service: 'kyc_card',
    body: envelope({ liveness: { result: false } }),
    verdict: 'not-verified',
    checks: { liveness: false },
    reasons: [reason('check-missing', 'document'), reason('check-missing', 'compare')],
  },
  {
    name: 'an issue without its check block fails the check',
    service: 'face_liveness',
    body: envelope({ issues: { liveness: { FACE_TOO_CLOSE: 'Too close' } } }, { result: { status: 400, data: { issues: { liveness: { FACE_TOO_CLOSE: 'Too close' } } } } }),
    verdict: 'not-verified',
    checks: { liveness: false },
    reasons: [],
  },
  { name: 'an unknown payload', service: 'face_liveness', body: envelope({ something_new: { x: 1 } }), verdict: 'needs-review', checks: {}, reasons: [reason('check-missing', 'liveness')] },
  { name: 'no result at all', service: 'face_liveness', body: { id: 1, status: 'SUCCESS' }, verdict: 'needs-review', checks: {}, reasons: [reason('result-missing')] },
  { name: 'an empty data object', service: 'face_liveness', body: envelope({}), verdict: 'needs-review', checks: {}, reasons: [reason('check-missing', 'liveness')] },
  // The document.
  {
    name: 'document booleans as "true"/"false"',
    service: 'ocr_card',
    body: envelope({ document: doc({ is_valid: 'true', is_expired: 'false' }) }),
    verdict: 'verified',
    checks: { document: true },
    reasons: [],
  },
  { name: 'an expired document, as text', service: 'ocr_passport', body: envelope({ document: doc({ is_expired: 'True' }) }), verdict: 'not-verified', checks: { document: false }, reasons: [] },
  {
    name: 'a document without is_valid',
    service: 'ocr_passport',
    body: envelope({ document: doc({ is_valid: undefined }) }),
    verdict: 'needs-review',
    checks: { document: null },
    reasons: [reason('check-missing', 'document.is_valid')],
  },
  {
    name: 'a document whose expiry cannot be read',
    service: 'ocr_passport',
    body: envelope({ document: doc({ is_expired: 'unknown' }) }),
    verdict: 'needs-review',
    checks: { document: null },
    reasons: [reason('value-unreadable', 'document.is_expired')],
  },
  {
    name: 'a document without is_expired (is_valid decides)',
    service: 'ocr_passport',
    body: envelope({ document: doc({ is_expired: undefined }) }),
    verdict: 'verified',
    checks: { document: true },
    reasons: [],
  },
  // Ids as numbers or text.
  { name: 'the envelope id as text', service: 'face_liveness', body: { ...livePass, id: '2182' }, verdict: 'verified', checks: { liveness: true }, reasons: [] },
  { name: 'a registration id as a number', service: 'register_face', body: envelope({ uuid: 123456 }), verdict: 'verified', checks: { registration: true }, reasons: [] },
  {
    name: 'a registration id that is neither',
    service: 'register_face',
    body: envelope({ uuid: { v: 1 } }),
    verdict: 'needs-review',
    checks: { registration: null },
    reasons: [reason('value-unreadable', 'uuid')],
  },
  {
    name: 'a failed registration (liveness and issue, no uuid)',
    service: 'register_face',
    body: envelope({ liveness: { result: false }, issues: { liveness: { FACE_TOO_SMALL: 'small' } } }),
    verdict: 'not-verified',
    checks: { registration: false },
    reasons: [],
  },
  // Where the result sits.
  { name: 'result as JSON text', service: 'face_liveness', body: { ...livePass, result: JSON.stringify(livePass.result) }, verdict: 'verified', checks: { liveness: true }, reasons: [] },
  {
    name: 'result without its data wrapper',
    service: 'face_liveness',
    body: { id: 1, status: 'SUCCESS', result: { status: 200, liveness: { result: true } } },
    verdict: 'verified',
    checks: { liveness: true },
    reasons: [],
  },
  {
    name: 'result.status 400 while everything passed',
    service: 'face_liveness',
    body: { ...livePass, result: { ...livePass.result, status: 400 } },
    verdict: 'needs-review',
    checks: { liveness: true },
    reasons: [reason('status-contradiction', 'result.status')],
  },
  // Issues.
  {
    name: 'issues with a list of codes',
    service: 'face_liveness',
    body: envelope({ liveness: { result: false }, issues: { liveness: ['FACE_TOO_SMALL'] } }),
    verdict: 'not-verified',
    checks: { liveness: false },
    reasons: [],
  },
  {
    name: 'issues in a form that cannot be read',
    service: 'face_liveness',
    body: envelope({ liveness: { result: true }, issues: 'face too small' }),
    verdict: 'needs-review',
    checks: { liveness: true },
    reasons: [reason('value-unreadable', 'issues')],
  },
  // The background check.
  {
    name: 'potential_match as "False"',
    service: 'background_check',
    body: envelope({ background_check: { potential_match: 'False', risk_level: 'low', total_matches: '0', hits: [] } }),
    verdict: 'verified',
    checks: { background_check: true },
    reasons: [],
  },
  {
    name: 'potential_match as "True"',
    service: 'background_check',
    body: envelope({ background_check: { potential_match: 'True', total_matches: 1, hits: [{}] } }),
    verdict: 'not-verified',
    checks: { background_check: false },
    reasons: [],
  },
  {
    name: 'potential_match unreadable',
    service: 'background_check',
    body: envelope({ background_check: { potential_match: 'unknown' } }),
    verdict: 'needs-review',
    checks: { background_check: null },
    reasons: [reason('value-unreadable', 'background_check.potential_match')],
  },
];

describe('normaliseTaskResult, one row per shape', () => {
  it.each(rows)('$name → $verdict', ({ service, body, verdict, checks, reasons }) => {
    const r = normaliseTaskResult(service, body);
    expect(r.verdict).toBe(verdict);
    expect(r.checks).toEqual(checks);
    expect(r.reviewReasons).toEqual(reasons);
    expect(r.raw).toBe(body);
  });

  it('always says why a result needs review, and never calls a result with a review reason verified', () => {
    for (const { service, body } of rows) {
      const r = normaliseTaskResult(service, body);
      if (r.verdict === 'needs-review') expect(r.reviewReasons?.length).toBeGreaterThan(0);
      if (r.verdict === 'verified') expect(r.reviewReasons).toEqual([]);
    }
  });

  it('fills no check it did not read: an empty result has no check keys, for every service', () => {
    for (const service of SERVICE_IDS) {
      const r = normaliseTaskResult(service, envelope({}));
      expect(r.checks).toEqual({});
      expect(r.reviewReasons?.map((x) => x.path)).toEqual([...SERVICES[service].checks]);
    }
  });

  it('keeps the record id as text and the compare scores', () => {
    expect(normaliseTaskResult('face_liveness', livePass).recordId).toBe('2182');
    const r = normaliseTaskResult('kyc_card', envelope(kycData({ compare: { result: true, data: { matchScore: '20.0', scorePercent: '100.0' } } })));
    expect(r.compareScores).toEqual({ matchScore: 20, scorePercent: 100 });
    expect(r.compare).toBe(true);
    expect(normaliseTaskResult('kyc_passport', passport).compareScores).toBeNull();
  });

  it('upper-cases a known state and keeps an unfamiliar one as received', () => {
    expect(normaliseTaskResult('face_liveness', { ...livePass, status: 'success' }).taskState).toBe('SUCCESS');
    expect(normaliseTaskResult('face_liveness', { ...livePass, status: 'Done' }).taskState).toBe('Done');
  });

  it('marks results that need review for their shape as unrecognised, not those failing for the task', () => {
    expect(normaliseTaskResult('face_liveness', envelope({ liveness: { result: 'maybe' } })).unrecognised).toBe(true);
    expect(normaliseTaskResult('face_liveness', { ...livePass, status: 'revoked' }).unrecognised).toBe(false);
    expect(normaliseTaskResult('kyc_card', envelope({ liveness: { result: false } })).unrecognised).toBe(false);
  });
});
