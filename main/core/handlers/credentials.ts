import { fail, ok } from '../../../common/result';
import { serverOrigin } from '../../../common/server-address';
import { CredentialStorageError } from '../progeny/credential-vault';
import { runDoctor } from '../progeny/doctor';
import type { HandlerContext, HandlerGroup } from './context';

type Needs = Pick<HandlerContext, 'progeny' | 'vault' | 'liveServer' | 'audit' | 'reconnect' | 'refreshSignedIn'>;

const NO_PROGENY = 'This station has no Progeny connection.';

export function credentialsHandlers({ progeny, vault, liveServer, audit, reconnect, refreshSignedIn }: Needs): HandlerGroup<'credentials:sign-in' | 'credentials:sign-out' | 'connection:test'> {
  return {
    'credentials:sign-in': async ({ username, password, remember }) => {
      if (!progeny) return fail('internal', NO_PROGENY);
      try {
        vault.save({ username, password }, remember, serverOrigin(liveServer()));
      } catch (error) {
        if (error instanceof CredentialStorageError) return fail('credentials-not-stored', error.message);
        throw error;
      }
      audit('login', { remembered: remember });
      await reconnect();
      await refreshSignedIn();
      return ok(true);
    },
    // The same checks as `station doctor`, against the server this station uses now (the training sandbox in training mode).
    'connection:test': async () => {
      if (!progeny) return fail('internal', NO_PROGENY);
      return ok(await runDoctor(await progeny.target()));
    },
    'credentials:sign-out': async () => {
      vault.clear();
      audit('logout');
      await reconnect();
      await refreshSignedIn();
      return ok(true);
    },
  };
}
