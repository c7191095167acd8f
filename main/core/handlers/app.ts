import { fail, ok } from '../../../common/result';
import pkg from '../../../package.json';
import type { HandlerContext, HandlerGroup } from './context';

export const APP_NAME = 'Progeny Station';
export const APP_VERSION: string = pkg.version;

type Needs = Pick<HandlerContext, 'dataDir' | 'capabilities' | 'log' | 'status' | 'store' | 'unlock' | 'attachStore' | 'statusChanged'>;

/** The station itself: what it is, its status, and unlocking its data store from the screen. */
export function appHandlers({ dataDir, capabilities, log, status, store, unlock, attachStore, statusChanged }: Needs): HandlerGroup<'app:info' | 'status:get' | 'store:unlock'> {
  return {
    'app:info': () => ok({ name: APP_NAME, version: APP_VERSION, dataDir, capabilities }),
    'status:get': () => ok(status.get()),
    'store:unlock': async (request) => {
      if (store()) return ok(true);
      if (!unlock) return fail('store-locked', 'This station cannot be unlocked from the screen; restart it with its key.');
      const creating = 'newPassphrase' in request;
      if (creating !== unlock.isNew())
        return fail('invalid-request', creating ? 'This station already has a passphrase: enter it to unlock.' : 'This station has no passphrase yet: choose one first.');
      try {
        attachStore(await unlock.open(creating ? request.newPassphrase : request.passphrase));
      } catch (error) {
        log.warn('unlock refused', { reason: error instanceof Error ? error.name : 'error' });
        return fail('unlock-refused', 'That passphrase does not unlock this station’s data.');
      }
      statusChanged();
      return ok(true);
    },
  };
}
