/** Reasons and Progeny issues in the operator's language. */
import type { TFunction } from 'i18next';
import type { Reason } from './verdict-reasons';

/** Progeny's codes (and the sandbox's) whose guidance is translated; any other code gets the general advice. */
const GUIDANCE_KEYS = {
  FACE_NOT_FOUND: 'FACE_NOT_FOUND',
  FACE_TOO_SMALL: 'FACE_TOO_SMALL',
  FACE_TOO_CLOSE: 'FACE_TOO_CLOSE',
  FACE_ANGLE_TOO_LARGE: 'FACE_ANGLE_TOO_LARGE',
  FAILED_TO_READ_IMAGE: 'FAILED_TO_READ_IMAGE',
  UNKNOWN_UUID: 'UNKNOWN_UUID',
  // The training sandbox's own codes (main/sandbox/selfie-analysis.ts, face-registry.ts).
  FACE_EYES_COVERED: 'FACE_EYES_COVERED',
  FACE_EYES_CLOSED: 'FACE_EYES_CLOSED',
  FACE_LOWER_COVERED: 'FACE_LOWER_COVERED',
  FACE_REGISTRATION_OUTDATED: 'FACE_REGISTRATION_OUTDATED',
  'Bad POST': 'badPost',
  'Bad params': 'badParams',
  'Bad face': 'badFace',
} as const;
type GuidanceKey = (typeof GUIDANCE_KEYS)[keyof typeof GUIDANCE_KEYS] | 'other';

export function issueGuidance(code: string, t: TFunction): string {
  const key: GuidanceKey = Object.hasOwn(GUIDANCE_KEYS, code) ? GUIDANCE_KEYS[code as keyof typeof GUIDANCE_KEYS] : 'other';
  return t(`results.issue.guidance.${key}`);
}

export function riskLevelText(level: string | null, t: TFunction): string {
  if (level === null) return t('results.riskLevel.unknown');
  const known = ['low', 'medium', 'high', 'unknown'] as const;
  const match = known.find((candidate) => candidate === level.toLowerCase());
  return match ? t(`results.riskLevel.${match}`) : level;
}

/** The reason as one sentence; an issue is its line followed by what to do. */
export function reasonText(reason: Reason, t: TFunction): string {
  switch (reason.kind) {
    case 'all-passed':
      return t('results.reason.allPassed');
    case 'liveness-failed':
      return t('results.reason.livenessFailed');
    case 'face-differs-from-document':
      return t('results.reason.faceDiffersFromDocument');
    case 'face-differs-from-registered':
      return t('results.reason.faceDiffersFromRegistered');
    case 'registration-failed':
      return t('results.reason.registrationFailed');
    case 'document-invalid':
      return t('results.reason.documentInvalid');
    case 'document-expired':
      return t('results.reason.documentExpired');
    case 'watchlist-match':
      return t('results.reason.watchlistMatch', { risk: riskLevelText(reason.riskLevel, t) });
    case 'not-reported':
      return t('results.reason.notReported', { check: t(`results.check.${reason.check}`) });
    case 'issue':
      return `${t('results.issue.line', { message: reason.message, code: reason.code })} ${issueGuidance(reason.code, t)}`;
    case 'fields-differ':
      return t('results.reason.fieldsDiffer', { count: reason.count });
    case 'task-state':
      return t('results.reason.taskState', { state: reason.state });
    case 'unrecognised':
      return t('results.reason.unrecognised');
    case 'waiting':
      return t(`results.reason.waiting.${reason.state}`);
    case 'attention':
      return t(`results.reason.attention.${reason.reason ?? 'other'}`);
    case 'cancelled':
      return t('results.reason.cancelled');
    case 'no-result':
      return t('results.reason.noResult');
    case 'error-detail':
      return t('results.reason.errorDetail', { message: reason.message });
  }
}
