import { describe, expect, it } from 'vitest';
import type { VerificationResult } from '../../../common/contract';
import { adviceFor, verdictReasons, type Reason } from '../../../renderer/results/verdict-reasons';
import { kycDetail, kycResult, livenessDetail } from './result-fixtures';

type Issue = VerificationResult['issues'][number];
const issue = (check: string, code: string, message = code): Issue => ({ check, code, message, guidance: 'English guidance from main' });
const expiredDocument = { ...kycResult().document!, valid: true, expired: true, fields: { ...kycResult().document!.fields, dateOfExpiry: '2023-09-25' } };

describe('verdictReasons', () => {
  it('says every check passed for a clean verification', () => {
    expect(verdictReasons(kycDetail())).toEqual([{ kind: 'all-passed' }]);
  });

  // One row per way Progeny (or the sandbox) says the same thing twice: the screen says it once.
  it.each<[name: string, patch: Partial<VerificationResult>, reasons: Reason[]]>([
    [
      'an expired passport: is_expired and issues.document.DOCUMENT_EXPIRED',
      { checks: { document: false, liveness: true, compare: true }, document: expiredDocument, issues: [issue('document', 'DOCUMENT_EXPIRED', 'The document has expired')] },
      [{ kind: 'document', standing: 'expired', expiry: '2023-09-25' }],
    ],
    [
      'a face mismatch: compare false and issues.compare.FACES_DO_NOT_MATCH',
      { checks: { document: true, liveness: true, compare: false }, compare: false, issues: [issue('compare', 'FACES_DO_NOT_MATCH')] },
      [{ kind: 'face-differs-from-document' }],
    ],
    [
      'a selfie that is not live: liveness false and issues.liveness.LIVENESS_FAILED',
      { checks: { document: true, liveness: false, compare: true }, issues: [issue('liveness', 'LIVENESS_FAILED', 'Looks like a screen')] },
      [{ kind: 'liveness-failed' }],
    ],
    [
      // A face too small to compare is not a mismatch: the advice is a new picture, not "check the person".
      'a face too small: reported under liveness and compare, both checks false',
      {
        checks: { document: true, liveness: false, compare: false },
        compare: false,
        issues: [issue('liveness', 'FACE_TOO_SMALL', 'Absolute face size is too small'), issue('compare', 'FACE_TOO_SMALL', 'Absolute face size is too small')],
      },
      [{ kind: 'issue', check: 'liveness', code: 'FACE_TOO_SMALL', message: 'Absolute face size is too small' }],
    ],
    [
      'an unread MRZ explains why the document is not valid',
      { checks: { document: false, liveness: true, compare: true }, document: { ...kycResult().document!, valid: false, expired: null }, issues: [issue('document', 'MRZ_NOT_FOUND')] },
      [{ kind: 'issue', check: 'document', code: 'MRZ_NOT_FOUND', message: 'MRZ_NOT_FOUND' }],
    ],
    [
      'not valid and expired, without a reason for the invalidity',
      { checks: { document: false, liveness: true, compare: true }, document: { ...expiredDocument, valid: false }, issues: [issue('document', 'DOCUMENT_EXPIRED')] },
      [{ kind: 'document', standing: 'invalid-and-expired', expiry: '2023-09-25' }],
    ],
    [
      'expired, and a check-digit failure: both said, each once',
      { checks: { document: false, liveness: true, compare: true }, document: { ...expiredDocument, valid: false }, issues: [issue('document', 'DOCUMENT_EXPIRED'), issue('document', 'MRZ_INVALID')] },
      [
        { kind: 'document', standing: 'expired', expiry: '2023-09-25' },
        { kind: 'issue', check: 'document', code: 'MRZ_INVALID', message: 'MRZ_INVALID' },
      ],
    ],
    [
      'register_face refused a face for a reason given under liveness',
      { service: 'register_face', checks: { registration: false }, document: null, compare: null, issues: [issue('liveness', 'FACE_NOT_FOUND')] },
      [{ kind: 'issue', check: 'liveness', code: 'FACE_NOT_FOUND', message: 'FACE_NOT_FOUND' }],
    ],
    [
      'a failed liveness with a code this station does not know: the general reason (Progeny’s text is in the details for support)',
      { checks: { document: true, liveness: false, compare: true }, issues: [issue('liveness', 'SPOOF_SUSPECTED', 'Suspected spoof')] },
      [{ kind: 'liveness-failed' }],
    ],
    [
      'an unknown code beside checks that passed is still listed',
      { checks: { document: true, liveness: true, compare: true }, issues: [issue('document', 'GLARE', 'Glare on the page')] },
      [{ kind: 'issue', check: 'document', code: 'GLARE', message: 'Glare on the page' }],
    ],
  ])('says it once: %s', (_name, patch, reasons) => {
    const result = kycResult({ verdict: 'not-verified', ...patch });
    expect(verdictReasons(kycDetail({ result }))).toEqual(reasons);
  });

  it('names each failed check in order, then the remaining issues, then the field differences', () => {
    const result = kycResult({
      verdict: 'not-verified',
      checks: { document: false, liveness: false, compare: false },
      liveness: { passed: false, score: 0.2, quality: 0.3, probability: 0.1 },
      compare: false,
      document: expiredDocument,
      issues: [issue('liveness', 'LIVENESS_FAILED'), issue('extra', 'SOMETHING_NEW', 'Something new')],
    });
    expect(verdictReasons(kycDetail({ result }), 1).map((reason) => reason.kind)).toEqual(['liveness-failed', 'face-differs-from-document', 'document', 'issue', 'fields-differ']);
  });

  it('gives each advice once, in the order of the reasons', () => {
    const reasons: Reason[] = [
      { kind: 'issue', check: 'liveness', code: 'FACE_TOO_SMALL', message: '' },
      { kind: 'document', standing: 'expired', expiry: null },
      { kind: 'issue', check: 'liveness', code: 'FACE_ANGLE_TOO_LARGE', message: '' },
      { kind: 'face-differs-from-document' },
      { kind: 'waiting', state: 'ready' },
    ];
    expect(adviceFor(reasons)).toEqual(['new-selfie', 'document-expired', 'face-mismatch']);
  });

  it('reports a possible watchlist match with its risk level', () => {
    const result = kycResult({
      service: 'background_check',
      verdict: 'not-verified',
      checks: { background_check: false },
      document: null,
      compare: null,
      liveness: null,
      backgroundCheck: { potentialMatch: true, riskLevel: 'high', totalMatches: 2, hits: [] },
    });
    expect(verdictReasons(kycDetail({ service: 'background_check', result }))).toEqual([{ kind: 'watchlist-match', riskLevel: 'high' }]);
  });

  it('explains a needs-review verdict by the checks Progeny did not report', () => {
    const result = kycResult({ verdict: 'needs-review', checks: { document: true, liveness: null, compare: true } });
    expect(verdictReasons(kycDetail({ result }))).toEqual([{ kind: 'not-reported', check: 'liveness' }]);
    expect(verdictReasons(livenessDetail(false))).toEqual([{ kind: 'liveness-failed' }]);
  });

  it('says what the result model could not read, once, instead of a vaguer "not reported"', () => {
    const result = kycResult({
      verdict: 'needs-review',
      checks: { document: true, liveness: true, compare: null },
      reviewReasons: [{ code: 'value-unreadable', path: 'compare.result', value: '"maybe"' }],
    });
    expect(verdictReasons(kycDetail({ result }))).toEqual([{ kind: 'review', code: 'value-unreadable', path: 'compare.result', value: '"maybe"' }]);
  });

  it('gives the queue state of a record without a result, and what went wrong', () => {
    expect(verdictReasons(kycDetail({ state: 'submitted', result: null, verdict: null }))).toEqual([{ kind: 'waiting', state: 'submitted' }]);
    expect(
      verdictReasons(kycDetail({ state: 'attention', attentionReason: 'deadline', result: null, verdict: null, error: { kind: 'deadline', message: 'Not finished in time.', fields: null } })),
    ).toEqual([
      { kind: 'attention', reason: 'deadline' },
      { kind: 'error-detail', message: 'Not finished in time.' },
    ]);
    expect(verdictReasons(kycDetail({ state: 'attention', attentionReason: 'something-new', result: null, verdict: null }))).toEqual([{ kind: 'attention', reason: null }]);
    expect(verdictReasons(kycDetail({ state: 'cancelled', result: null, verdict: null }))).toEqual([{ kind: 'cancelled' }]);
  });

  it('says when Progeny ended the task abnormally or the result is unknown to the station (records stored before review reasons)', () => {
    const result = kycResult({ taskState: 'FAILURE', verdict: 'needs-review', checks: {}, unrecognised: true });
    expect(verdictReasons(kycDetail({ result }))).toEqual([{ kind: 'task-state', state: 'FAILURE' }, { kind: 'unrecognised' }]);
  });
});
