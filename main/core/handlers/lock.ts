import { fail, ok } from '../../../common/result';
import type { ReleaseOutcome } from '../operator-lock';
import { LOCKED, type HandlerContext, type HandlerGroup } from './context';

type Needs = Pick<HandlerContext, 'lock' | 'store' | 'audit' | 'engageLock' | 'operatorActive'>;

const PIN_STORE_LOCKED = 'Unlock the station data with its passphrase first; then enter the operator PIN.';

export function lockHandlers({ lock, store: openStore, audit, engageLock, operatorActive }: Needs): HandlerGroup<'lock:engage' | 'lock:release' | 'lock:set-pin' | 'lock:clear-pin' | 'lock:activity'> {
  /** The lock refuses a PIN check: every refusal is audited, a wait included (no PIN was checked then). */
  const pinRefused = (operation: 'lock:release' | 'lock:set-pin' | 'lock:clear-pin', outcome: Exclude<ReleaseOutcome, { ok: true }>, wrongMessage: string) => {
    if (outcome.reason === 'pin-required') return fail('pin-refused', operation === 'lock:release' ? 'Enter the operator PIN to unlock.' : 'Enter the current operator PIN.');
    if (outcome.reason === 'store-locked') return fail('store-locked', PIN_STORE_LOCKED);
    audit('unlock-failed', { operation, refusal: outcome.reason, failures: outcome.failures });
    const seconds = Math.ceil(outcome.retryAfterMs / 1000);
    return fail('pin-refused', outcome.retryAfterMs > 0 ? `Wrong PIN too many times: try again in ${seconds} s.` : wrongMessage, { retryAfterMs: String(outcome.retryAfterMs) });
  };
  return {
    'lock:engage': ({ reason }) => {
      engageLock(reason);
      return ok(true);
    },
    'lock:release': ({ pin }) => {
      const outcome = lock.release(pin, openStore());
      if (!outcome.ok) return pinRefused('lock:release', outcome, 'That PIN is not correct.');
      audit('unlock');
      operatorActive();
      return ok(true);
    },
    'lock:set-pin': ({ pin, currentPin }) => {
      const store = openStore();
      if (!store) return fail('store-locked', LOCKED);
      const outcome = lock.setPin(pin, currentPin, store);
      if (!outcome.ok) return pinRefused('lock:set-pin', outcome, 'The current PIN is not correct, so the PIN was not changed.');
      audit('pin-change', { set: true });
      return ok(true);
    },
    'lock:clear-pin': ({ currentPin }) => {
      const store = openStore();
      if (!store) return fail('store-locked', LOCKED);
      const outcome = lock.clearPin(currentPin, store);
      if (!outcome.ok) return pinRefused('lock:clear-pin', outcome, 'The current PIN is not correct, so the PIN was kept.');
      audit('pin-change', { set: false });
      return ok(true);
    },
    'lock:activity': () => {
      operatorActive();
      return ok(true);
    },
  };
}
