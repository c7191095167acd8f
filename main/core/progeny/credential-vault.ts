import type { Credentials, CredentialsSource } from './token-manager';

export class CredentialStorageError extends Error {}

/**
 * Where main keeps the live Progeny credentials. The renderer only ever sends them in (sign-in)
 * and learns whether some exist; it can never read them back.
 */
export interface CredentialVault extends CredentialsSource {
  /** Whether `remember: true` can be honoured: an OS keychain with real encryption. */
  readonly canRemember: boolean;
  /** Session-only unless `remember`; throws CredentialStorageError when remembering is impossible. */
  save(credentials: Credentials, remember: boolean): void;
  clear(): void;
  has(): Promise<boolean>;
}

/** A store that can persist credentials encrypted (Electron's safeStorage), or null where it cannot. */
export interface PersistentCredentials {
  get(): Promise<Credentials | null>;
  save(credentials: Credentials): void;
  clear(): void;
}

/**
 * Session credentials live only in main's memory; remembered ones go to the encrypted store. With
 * no encrypted store (web station, CLI, Linux without a keyring) remembering is refused, never
 * downgraded to plaintext.
 */
export function createCredentialVault(options: { persistent?: PersistentCredentials | null; initial?: Credentials | null } = {}): CredentialVault {
  let session: Credentials | null = options.initial ?? null;
  const persistent = options.persistent ?? null;
  return {
    canRemember: persistent !== null,
    async get() {
      return session ?? (persistent ? await persistent.get() : null);
    },
    save(credentials, remember) {
      if (remember) {
        if (!persistent) throw new CredentialStorageError('This station cannot keep credentials encrypted on this computer, so it will not remember them: you will sign in again after a restart.');
        persistent.save(credentials);
      }
      session = credentials;
    },
    clear() {
      session = null;
      persistent?.clear();
    },
    async has() {
      return (await this.get()) !== null;
    },
  };
}

/** PROGENY_USERNAME / PROGENY_PASSWORD as a session sign-in (web station and CLI). */
export function environmentSignIn(env: NodeJS.ProcessEnv = process.env): Credentials | null {
  return env.PROGENY_USERNAME && env.PROGENY_PASSWORD ? { username: env.PROGENY_USERNAME, password: env.PROGENY_PASSWORD } : null;
}
