import type { Dispatch } from '../../main/core/dispatcher';
import type { StationCore } from '../../main/core/station-core';

/** The first administrator a test station creates, as the page does on first start. */
export const TEST_ADMIN = { name: 'Test Admin', secret: 'test admin secret' };

/**
 * Signs a station core in through its bridge entry point, as the page does: the first
 * administrator on a fresh store, else the same account again. The store must be open.
 */
export async function signInAsAdmin(core: { dispatch: Dispatch }): Promise<void> {
  const created = await core.dispatch('account:create-first', TEST_ADMIN);
  if (created.ok) return;
  const signedIn = await core.dispatch('account:sign-in', TEST_ADMIN);
  if (!signedIn.ok) throw new Error(`the test administrator could not sign in: ${signedIn.error.message}`);
}

/** For synchronous set-ups of tests about something else than signing in: the session itself, as a signed-in administrator. */
export function signedInSession(core: StationCore): StationCore {
  core.lock.signIn({
    id: '00000000-0000-4000-8000-0000000000ad',
    name: TEST_ADMIN.name,
    role: 'administrator',
    disabled: false,
    createdAt: 0,
    createdBy: TEST_ADMIN.name,
    updatedAt: 0,
    updatedBy: TEST_ADMIN.name,
  });
  return core;
}
