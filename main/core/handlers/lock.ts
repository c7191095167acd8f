import { ok } from '../../../common/result';
import type { HandlerContext, HandlerGroup } from './context';

type Needs = Pick<HandlerContext, 'engageLock' | 'operatorActive'>;

/** Locking ends the signed-in session (handlers/accounts.ts signs the next person in). */
export function lockHandlers({ engageLock, operatorActive }: Needs): HandlerGroup<'lock:engage' | 'lock:activity'> {
  return {
    'lock:engage': ({ reason }) => {
      engageLock(reason);
      return ok(true);
    },
    'lock:activity': () => {
      operatorActive();
      return ok(true);
    },
  };
}
