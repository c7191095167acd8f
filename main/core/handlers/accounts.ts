import { fail, ok } from '../../../common/result';
import type { Account, AuthRefusal, ManageOutcome } from '../accounts/account-directory';
import { refusalMessage } from '../accounts/approvals';
import { legacyPin } from '../operator-lock';
import { type HandlerContext, type HandlerGroup } from './context';

type Needs = Pick<HandlerContext, 'dataDir' | 'lock' | 'store' | 'directory' | 'audit' | 'operatorActive'>;

const STORE_FIRST = 'Unlock the station data with its passphrase first; then sign in.';

/** Operator accounts: signing in, the first administrator, and the administrator's management. */
export function accountHandlers({
  dataDir,
  lock,
  store: openStore,
  directory: openDirectory,
  audit,
  operatorActive,
}: Needs): HandlerGroup<'account:sign-in' | 'account:create-first' | 'account:list' | 'account:add' | 'account:update'> {
  const signInRefused = (name: string, refusal: AuthRefusal) => {
    if (refusal.reason !== 'unavailable') audit('sign-in-failed', { name, refusal: refusal.reason, failures: refusal.failures });
    return fail('sign-in-refused', refusalMessage(refusal, name), { reason: refusal.reason, retryAfterMs: String(refusal.retryAfterMs) });
  };
  const signIn = (account: Account) => {
    // The session changes hands here: the audit entry names who signed in, as themselves.
    lock.signIn(account);
    audit('sign-in', { role: account.role });
    operatorActive();
    return ok(account);
  };
  /** The administrator's operations: main checks the role, whatever the page shows. */
  const asAdministrator = () => {
    const directory = openDirectory();
    const session = lock.session;
    if (!directory) return { allowed: false as const, refused: fail<never>('store-locked', STORE_FIRST) };
    if (!session || session.role !== 'administrator') return { allowed: false as const, refused: fail<never>('not-allowed', 'Only an administrator can manage operators.') };
    return { allowed: true as const, directory, session };
  };
  const managed = (outcome: ManageOutcome) =>
    outcome.ok ? ok(outcome.account) : fail(outcome.reason === 'not-allowed' ? 'not-allowed' : 'invalid-request', outcome.message, { reason: outcome.reason });

  return {
    'account:sign-in': ({ name, secret }) => {
      const directory = openDirectory();
      if (!directory) return fail('store-locked', STORE_FIRST);
      const outcome = directory.authenticate(name, secret);
      return outcome.ok ? signIn(outcome.account) : signInRefused(name, outcome);
    },
    'account:create-first': ({ name, secret, pin }) => {
      const directory = openDirectory();
      const store = openStore();
      if (!directory || !store) return fail('store-locked', STORE_FIRST);
      if (directory.state() !== 'none') return managed(directory.createFirst(name, secret));
      // Upgraded from the anonymous PIN: that PIN, under the same back-off, or no administrator.
      const old = legacyPin(dataDir, store);
      if (old) {
        if (pin === undefined) return fail('sign-in-refused', 'This station had an operator PIN: enter it to create the administrator.', { reason: 'pin-required', retryAfterMs: '0' });
        const checked = directory.guard('legacy-pin', () => old.matches(pin));
        if (!checked.ok) return signInRefused(name, checked);
      }
      const created = directory.createFirst(name, secret);
      if (!created.ok) return managed(created);
      lock.signIn(created.account);
      audit('account-create', { name: created.account.name, role: created.account.role, first: true });
      return signIn(created.account);
    },
    'account:list': () => {
      const admin = asAdministrator();
      return admin.allowed ? ok(admin.directory.list()) : admin.refused;
    },
    'account:add': (request) => {
      const admin = asAdministrator();
      if (!admin.allowed) return admin.refused;
      const outcome = admin.directory.add(admin.session, request);
      if (outcome.ok) audit('account-create', { name: outcome.account.name, role: outcome.account.role });
      return managed(outcome);
    },
    'account:update': ({ id, ...change }) => {
      const admin = asAdministrator();
      if (!admin.allowed) return admin.refused;
      const outcome = admin.directory.update(admin.session, id, change);
      if (!outcome.ok) return managed(outcome);
      // Never the secret itself: only that it was reset.
      audit('account-change', {
        name: outcome.account.name,
        ...(change.role ? { role: change.role } : {}),
        ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
        ...(change.secret ? { secretReset: true } : {}),
      });
      lock.refresh(outcome.account);
      return managed(outcome);
    },
  };
}
