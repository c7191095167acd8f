import { describe, expect, it } from 'vitest';
import { verdictReasons } from '../../../renderer/results/verdict-reasons';
import { kycDetail, kycResult, livenessDetail } from './result-fixtures';

describe('verdictReasons', () => {
  it('says every check passed for a clean verification', () => {
    expect(verdictReasons(kycDetail())).toEqual([{ kind: 'all-passed' }]);
  });

  it('names each failed check, then Progeny’s issues with their guidance', () => {
    const result = kycResult({
      verdict: 'not-verified',
      checks: { document: false, liveness: false, compare: false },
      liveness: { passed: false, score: 0.2, quality: 0.3, probability: 0.1 },
      compare: false,
      document: { ...kycResult().document!, valid: true, expired: true },
      issues: [{ check: 'liveness', code: 'FACE_TOO_SMALL', message: 'Absolute face size is too small', guidance: 'Move closer.' }],
    });
    expect(verdictReasons(kycDetail({ result }), 1).map((reason) => reason.kind)).toEqual([
      'liveness-failed',
      'face-differs-from-document',
      'document-expired',
      'issue',
      'fields-differ',
    ]);
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

  it('says when Progeny ended the task abnormally or the result is unknown to the station', () => {
    const result = kycResult({ taskState: 'FAILURE', verdict: 'needs-review', checks: {}, unrecognised: true });
    expect(verdictReasons(kycDetail({ result }))).toEqual([{ kind: 'task-state', state: 'FAILURE' }, { kind: 'unrecognised' }]);
  });
});
