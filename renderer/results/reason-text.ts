/** Reasons, Progeny's messages and the advice, in the operator's language. */
import type { TFunction } from 'i18next';
import type { Cause } from '../../common/services/issue-causes';
import { ISSUE_CODES, isKnownIssueCode } from '../../common/services/issue-causes';
import { REQUIREMENTS } from '../../common/analysis/requirements';
import { formatCalendarDate } from './format';
import type { Reason } from './verdict-reasons';

/**
 * Progeny's message for `code`, translated; a code this station does not know is quoted as Progeny
 * wrote it (in Progeny's language) rather than hidden. The raw text is always in the details for support.
 */
/** The numbers Progeny's messages quote, from the one place the requirements are declared. */
const LIMITS = { minFaceSide: REQUIREMENTS.selfie.minFaceSide.value, maxYaw: REQUIREMENTS.selfie.maxYaw.value };

export function issueMessage(code: string, message: string, t: TFunction): string {
  return isKnownIssueCode(code) ? t(`results.issue.message.${ISSUE_CODES[code].key}`, LIMITS) : t('results.issue.unknownCode', { code, message });
}

export function adviceText(cause: Cause, t: TFunction): string {
  return t(`results.advice.${cause}`);
}

/** Django REST framework's field messages as Progeny sends them (docs/progeny-api.md §5.3). */
const FIELD_MESSAGES = {
  'This field is required.': 'required',
  'No file was submitted.': 'noFile',
  'The submitted data was not a file. Check the encoding type on the form.': 'notAFile',
} as const;

export function fieldMessage(message: string, t: TFunction): string {
  return Object.hasOwn(FIELD_MESSAGES, message) ? t(`results.refused.${FIELD_MESSAGES[message as keyof typeof FIELD_MESSAGES]}`) : message;
}

export function riskLevelText(level: string | null, t: TFunction): string {
  if (level === null) return t('results.riskLevel.unknown');
  const known = ['low', 'medium', 'high', 'unknown'] as const;
  const match = known.find((candidate) => candidate === level.toLowerCase());
  return match ? t(`results.riskLevel.${match}`) : level;
}

/** The reason as one sentence (what to do is said separately, once per advice). */
export function reasonText(reason: Reason, t: TFunction, language: string): string {
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
    case 'document':
      return reason.expiry ? t(`results.reason.document.${reason.standing}`, { date: formatCalendarDate(reason.expiry, language) }) : t(`results.reason.documentUndated.${reason.standing}`);
    case 'watchlist-match':
      return t('results.reason.watchlistMatch', { risk: riskLevelText(reason.riskLevel, t) });
    case 'not-reported':
      return t('results.reason.notReported', { check: t(`results.check.${reason.check}`) });
    case 'issue':
      return issueMessage(reason.code, reason.message, t);
    case 'fields-differ':
      return t('results.reason.fieldsDiffer', { count: reason.count });
    case 'task-state':
      return t('results.reason.taskState', { state: reason.state });
    case 'unrecognised':
      return t('results.reason.unrecognised');
    case 'review':
      return t(`results.reason.review.${reason.code}`, { path: reason.path ?? '', value: reason.value ?? '' });
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
