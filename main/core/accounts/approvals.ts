import { fail, ok, type Result } from '../../../common/result';
import { isOneOf, type ApprovalAction, APPROVER_ROLES } from '../../../common/vocabulary';
import type { Account, AccountDirectory, AuthRefusal } from './account-directory';

/** What the approver typed on the requesting operator's screen: their own name and secret. */
export interface ApprovalCredentials {
  name: string;
  secret: string;
}

const ACTION_WORDS: Record<ApprovalAction, string> = {
  override: 'Overriding a failing pre-check',
  forget: 'Forgetting a customer',
  export: 'Exporting evidence',
  settings: 'Changing the server, the mode or the retention',
};

export const refusalMessage = (refusal: AuthRefusal, who: string): string => {
  if (refusal.reason === 'wait') return `Too many wrong secrets for this name: try again in ${Math.ceil(refusal.retryAfterMs / 1000)} s.`;
  if (refusal.reason === 'disabled') return `The account of ${who} is disabled: an administrator can enable it again.`;
  if (refusal.reason === 'unavailable') return 'The operator accounts of this station cannot be read: nobody can sign in. Restore the data folder from a backup.';
  return refusal.retryAfterMs > 0 ? `That name or secret is not correct. Too many wrong secrets: try again in ${Math.ceil(refusal.retryAfterMs / 1000)} s.` : 'That name or secret is not correct.';
};

/**
 * Four-eyes: whether `operator` may do `action` now. Nothing is needed when the administrator's
 * settings do not ask for approval, or when the operator is a supervisor or administrator (they
 * approve their own action). Otherwise a second person's name and secret must come with the very
 * request that does the action: main checks them (a wrong secret counts toward that person's
 * back-off) and performs the action in the same call, so there is no approval token to keep, steal
 * or replay for another verification or another action.
 *
 * Returns the approver (null when none was needed); `onRefused` is told about every refused secret.
 */
export function checkApproval(options: {
  directory: AccountDirectory;
  required: readonly ApprovalAction[];
  operator: Account;
  action: ApprovalAction;
  approval: ApprovalCredentials | undefined;
  onRefused: (approverName: string, refusal: AuthRefusal | { reason: 'not-an-approver' | 'self' }) => void;
}): Result<Account | null> {
  const { directory, required, operator, action, approval } = options;
  if (!required.includes(action) || isOneOf(APPROVER_ROLES, operator.role)) return ok(null);
  const what = ACTION_WORDS[action];
  if (!approval) return fail('approval-required', `${what} needs the approval of a supervisor or an administrator: they enter their name and secret on this screen.`, { action });
  const outcome = directory.authenticate(approval.name, approval.secret);
  if (!outcome.ok) {
    options.onRefused(approval.name, outcome);
    return fail('approval-refused', refusalMessage(outcome, approval.name), { action, retryAfterMs: String(outcome.retryAfterMs) });
  }
  if (outcome.account.id === operator.id) {
    options.onRefused(approval.name, { reason: 'self' });
    return fail('approval-refused', 'An approval needs a second person: you cannot approve your own action.', { action });
  }
  if (!isOneOf(APPROVER_ROLES, outcome.account.role)) {
    options.onRefused(approval.name, { reason: 'not-an-approver' });
    return fail('approval-refused', `${outcome.account.name} is an operator: only a supervisor or an administrator can approve.`, { action });
  }
  return ok(outcome.account);
}
