/**
 * Why a verification came out the way it did, as data the banner turns into words: the failed
 * checks, Progeny's issues, differences between the two document reads, or for a record without a
 * result, where it stands in the queue. A verdict without a reason is useless at the desk.
 *
 * Each fact is said once. Progeny often reports one problem twice (a failed `compare` flag and
 * `issues.compare.FACES_DO_NOT_MATCH`; `is_expired` and `issues.document.DOCUMENT_EXPIRED`; the
 * same selfie code under `liveness` and `compare`), so an issue that only restates a failed check
 * is folded into it, an issue that explains a failed check replaces the check's general reason
 * (a face too small to compare is not a "face mismatch"), and a code is listed once whatever
 * check it came under. The raw issues stay in the details for support.
 */
import type { HistoryDetail } from '../../common/contract';
import type { ResultCheck } from '../../common/services/catalog';
import { documentStanding } from '../../common/services/document-standing';
import { issueCause, isKnownIssueCode, type Cause } from '../../common/services/issue-causes';
import type { ReviewReasonCode } from '../../common/services/result-model';
import { ATTENTION_REASONS, isOneOf, WAITING_STATES, type AttentionReason, type WaitingState } from '../../common/vocabulary';

export type { AttentionReason, WaitingState };

/** The document standings that fail a verification, each said as one reason. */
export type FailingStanding = 'expired' | 'invalid' | 'invalid-and-expired';

export type Reason =
  | { kind: 'all-passed' }
  | { kind: 'liveness-failed' }
  | { kind: 'face-differs-from-document' }
  | { kind: 'face-differs-from-registered' }
  | { kind: 'registration-failed' }
  | { kind: 'document'; standing: FailingStanding; expiry: string | null }
  | { kind: 'watchlist-match'; riskLevel: string | null }
  | { kind: 'not-reported'; check: ResultCheck }
  | { kind: 'issue'; check: string; code: string; message: string }
  | { kind: 'fields-differ'; count: number }
  | { kind: 'task-state'; state: string }
  | { kind: 'unrecognised' }
  /** Why the result model could not read the result in full (results stored before it said so use task-state / unrecognised). */
  | { kind: 'review'; code: ReviewReasonCode; path: string | null; value: string | null }
  | { kind: 'waiting'; state: WaitingState }
  | { kind: 'attention'; reason: AttentionReason | null }
  | { kind: 'cancelled' }
  | { kind: 'no-result' }
  | { kind: 'error-detail'; message: string };

type Result = NonNullable<HistoryDetail['result']>;
type Issue = Result['issues'][number];

/** What the operator should do about a reason; null for reasons that say it themselves (queue states). */
export function reasonCause(reason: Reason): Cause | null {
  switch (reason.kind) {
    case 'liveness-failed':
      return 'not-live';
    case 'face-differs-from-document':
    case 'face-differs-from-registered':
      return 'face-mismatch';
    case 'registration-failed':
      return 'new-selfie';
    case 'document':
      return reason.standing === 'invalid' ? 'document-invalid' : 'document-expired';
    case 'watchlist-match':
      return 'watchlist';
    case 'not-reported':
    case 'unrecognised':
      return 'review';
    case 'issue':
      return issueCause(reason.check, reason.code);
    case 'fields-differ':
      return 'compare-fields';
    case 'task-state':
      return 'retry';
    case 'review':
      return reason.code === 'task-failed' || reason.code === 'task-revoked' ? 'retry' : 'review';
    default:
      return null;
  }
}

/** Each distinct advice once, in the order of the reasons it answers. */
export function adviceFor(reasons: readonly Reason[]): Cause[] {
  return [...new Set(reasons.map(reasonCause).filter((cause): cause is Cause => cause !== null))];
}

/**
 * A failed face check, its general reason, the checks whose issues can explain it, and the codes
 * that only restate it. An issue with a code this station does not know does not explain anything
 * it can put in words: the general reason stands, and Progeny's text is in the details for support.
 */
const FACE_CHECKS: ReadonlyArray<{ check: ResultCheck; general: Reason; explainedBy: readonly string[]; restatedBy: readonly string[] }> = [
  { check: 'liveness', general: { kind: 'liveness-failed' }, explainedBy: ['liveness'], restatedBy: ['LIVENESS_FAILED'] },
  { check: 'authentication', general: { kind: 'face-differs-from-registered' }, explainedBy: ['authentication'], restatedBy: ['FACES_DO_NOT_MATCH'] },
  { check: 'compare', general: { kind: 'face-differs-from-document' }, explainedBy: ['compare'], restatedBy: ['FACES_DO_NOT_MATCH'] },
  // register_face reports why it refused a face under `liveness` (the face is checked for liveness first).
  { check: 'registration', general: { kind: 'registration-failed' }, explainedBy: ['registration', 'liveness'], restatedBy: [] },
];
const EXPIRY_CODES: readonly string[] = ['DOCUMENT_EXPIRED'];

/** Where each check sits in `result.data`, to tell whether a review reason already explains an unreported check. */
const CHECK_PATH: Readonly<Record<ResultCheck, string>> = {
  liveness: 'liveness',
  authentication: 'authentication',
  compare: 'compare',
  registration: 'uuid',
  document: 'document',
  background_check: 'background_check',
};
const explainsCheck = (path: string | null, check: ResultCheck) => path !== null && (path === check || path === CHECK_PATH[check] || path.startsWith(`${CHECK_PATH[check]}.`));

function resultReasons(result: Result): Reason[] {
  const reasons: Reason[] = [];
  const pending = new Set<Issue>(result.issues);
  const shownCodes = new Set<string>();
  const showIssue = (issue: Issue) => {
    pending.delete(issue);
    if (shownCodes.has(issue.code)) return;
    shownCodes.add(issue.code);
    reasons.push({ kind: 'issue', check: issue.check, code: issue.code, message: issue.message });
  };
  /** A general reason stands for the issues that only restate it or that it cannot word better; they are not listed again. */
  const showGeneral = (reason: Reason, absorbed: readonly Issue[]) => {
    for (const issue of absorbed) pending.delete(issue);
    reasons.push(reason);
  };
  const explains = (issue: Issue, restatedBy: readonly string[]) => isKnownIssueCode(issue.code) && !restatedBy.includes(issue.code);
  const { checks } = result;

  for (const { check, general, explainedBy, restatedBy } of FACE_CHECKS) {
    if (checks[check] !== false) continue;
    const own = result.issues.filter((issue) => explainedBy.includes(issue.check));
    const explaining = own.filter((issue) => explains(issue, restatedBy));
    if (explaining.length > 0) explaining.forEach(showIssue);
    else showGeneral(general, own);
  }

  const standing = documentStanding(result.document);
  if (standing === 'expired' || standing === 'invalid' || standing === 'invalid-and-expired') {
    const own = result.issues.filter((issue) => issue.check === 'document');
    // The issues that say why the document is not valid (an unread MRZ…) replace the general "not valid".
    const why = own.filter((issue) => explains(issue, EXPIRY_CODES));
    const expiry = result.document?.fields.dateOfExpiry ?? null;
    if (standing === 'invalid' && why.length > 0) why.forEach(showIssue);
    else {
      showGeneral(
        { kind: 'document', standing: why.length > 0 ? 'expired' : standing, expiry },
        own.filter((issue) => !why.includes(issue)),
      );
      why.forEach(showIssue);
    }
  }
  if (result.backgroundCheck?.potentialMatch === true) reasons.push({ kind: 'watchlist-match', riskLevel: result.backgroundCheck.riskLevel });
  for (const issue of result.issues) if (pending.has(issue)) showIssue(issue);
  const review = result.reviewReasons ?? [];
  for (const [check, outcome] of Object.entries(checks) as Array<[ResultCheck, boolean | null]>) {
    if (outcome === null && !review.some((reason) => explainsCheck(reason.path, check))) reasons.push({ kind: 'not-reported', check });
  }
  return reasons;
}

/** The reasons, most decisive first. `differingFields`: document fields the two reads disagree on. */
export function verdictReasons(detail: HistoryDetail, differingFields = 0): Reason[] {
  const { result } = detail;
  if (!result) {
    const reasons: Reason[] = [];
    if (detail.state === 'attention') reasons.push({ kind: 'attention', reason: isOneOf(ATTENTION_REASONS, detail.attentionReason) ? detail.attentionReason : null });
    else if (detail.state === 'cancelled') reasons.push({ kind: 'cancelled' });
    else if (isOneOf(WAITING_STATES, detail.state)) reasons.push({ kind: 'waiting', state: detail.state });
    else reasons.push({ kind: 'no-result' });
    if (detail.error?.message) reasons.push({ kind: 'error-detail', message: detail.error.message });
    return reasons;
  }
  const reasons: Reason[] = [];
  if (result.reviewReasons) {
    for (const { code, path, value } of result.reviewReasons) reasons.push({ kind: 'review', code, path, value });
  } else {
    if (result.taskState !== 'SUCCESS') reasons.push({ kind: 'task-state', state: result.taskState });
    if (result.unrecognised) reasons.push({ kind: 'unrecognised' });
  }
  reasons.push(...resultReasons(result));
  if (differingFields > 0) reasons.push({ kind: 'fields-differ', count: differingFields });
  if (reasons.length === 0 && result.verdict === 'verified') reasons.push({ kind: 'all-passed' });
  return reasons;
}
