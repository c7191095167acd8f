import type { Credentials, CredentialsSource } from './token-manager';

export class CredentialStorageError extends Error {}

/** Credentials with the server origin (scheme, host, port) they were entered for. */
export interface BoundCredentials extends Credentials {
  /** Absent in files written before credentials were bound: such credentials are never used. */
  origin?: string;
}

/**
 * Where main keeps the live Progeny credentials. The renderer only ever sends them in (sign-in)
 * and learns whether some exist; it can never read them back. Credentials belong to the server they
 * were entered for: another server (a changed setting, --server, an edited settings file) gets
 * nothing and the operator signs in again.
 */
export interface CredentialVault {
  /** Whether `remember: true` can be honoured: an OS keychain with real encryption. */
  readonly canRemember: boolean;
  /** Session-only unless `remember`; throws CredentialStorageError when remembering is impossible. */
  save(credentials: Credentials, remember: boolean, origin: string): void;
  clear(): void;
  /** What a connection to `origin` may present: these credentials only if they were entered for it. */
  forServer(origin: string): CredentialsSource;
  has(origin: string): Promise<boolean>;
}

/** A store that can persist credentials encrypted (Electron's safeStorage), or null where it cannot. */
export interface PersistentCredentials {
  get(): Promise<BoundCredentials | null>;
  save(credentials: BoundCredentials): void;
  clear(): void;
}

/**
 * Session credentials live only in main's memory; remembered ones go to the encrypted store. With
 * no encrypted store (web station, CLI, Linux without a keyring) remembering is refused, never
 * downgraded to plaintext. `initial` is a sign-in given with the launch (PROGENY_USERNAME /
 * PROGENY_PASSWORD) for whichever server that launch uses; changing the server clears it.
 */
export function createCredentialVault(options: { persistent?: PersistentCredentials | null; initial?: Credentials | null } = {}): CredentialVault {
  type Session = { credentials: Credentials; origin: string | null };
  let session: Session | null = options.initial ? { credentials: options.initial, origin: null } : null;
  const persistent = options.persistent ?? null;
  const current = async (): Promise<Session | null> => {
    if (session) return session;
    const kept = persistent ? await persistent.get() : null;
    return kept ? { credentials: { username: kept.username, password: kept.password }, origin: kept.origin ?? '' } : null;
  };
  const forServer = (origin: string): CredentialsSource => ({
    async get() {
      const found = await current();
      return found && (found.origin === null || found.origin === origin) ? found.credentials : null;
    },
  });
  return {
    canRemember: persistent !== null,
    save(credentials, remember, origin) {
      if (remember) {
        if (!persistent) throw new CredentialStorageError('This station cannot keep credentials encrypted on this computer, so it will not remember them: you will sign in again after a restart.');
        persistent.save({ ...credentials, origin });
      }
      session = { credentials, origin };
    },
    clear() {
      session = null;
      persistent?.clear();
    },
    forServer,
    async has(origin) {
      return (await forServer(origin).get()) !== null;
    },
  };
}

/** PROGENY_USERNAME / PROGENY_PASSWORD as a session sign-in (web station and CLI). */
export function environmentSignIn(env: NodeJS.ProcessEnv = process.env): Credentials | null {
  return env.PROGENY_USERNAME && env.PROGENY_PASSWORD ? { username: env.PROGENY_USERNAME, password: env.PROGENY_PASSWORD } : null;
}
