import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scryptSync, timingSafeEqual } from 'node:crypto';
import type { Account } from './accounts/account-directory';
import type { Store } from './store/open-store';

/**
 * The operator lock is the sign-in session: while nobody is signed in the renderer shows only
 * "Who is working?" and main refuses every operation that returns images or personal data. Signing
 * in (an account's name and secret, main/core/accounts/) releases it as that account; locking (the
 * button, Alt+L, idle, the OS, the last page closing) ends the session, so the next person signs in
 * as themselves. A station always starts locked: a restart never signs anyone in.
 */
export function createOperatorLock(options: { onChange: () => void }) {
  let session: Account | null = null;
  return {
    get locked() {
      return session === null;
    },
    /** Who is signed in; null while locked. */
    get session() {
      return session;
    },
    signIn(account: Account) {
      session = account;
      options.onChange();
    },
    /** The account changed (role, name) or was disabled: the session follows it, or ends. */
    refresh(account: Account | null) {
      if (!session || (account && account.id !== session.id)) return;
      session = account && !account.disabled ? account : null;
      options.onChange();
    },
    engage() {
      if (!session) return;
      session = null;
      options.onChange();
    },
  };
}

export type OperatorLock = ReturnType<typeof createOperatorLock>;

/** The anonymous PIN of stations from before operator accounts, sealed with the data key. */
export const PIN_FILE = 'operator-pin.bin';
const PIN_AAD = 'operator-pin/v1';
const PIN_SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * A station upgraded from the anonymous PIN: whoever creates the first administrator must know
 * that PIN (else anyone at a locked station could make themselves administrator). Null: no PIN.
 */
export function legacyPin(dataDir: string, store: Store): { matches(pin: string): boolean } | null {
  const file = join(dataDir, PIN_FILE);
  if (!existsSync(file)) return null;
  const record = store.cipher.openJson(readFileSync(file), PIN_AAD) as { salt: string; hash: string };
  return { matches: (pin) => timingSafeEqual(scryptSync(pin.normalize('NFKC'), Buffer.from(record.salt, 'base64'), 32, PIN_SCRYPT), Buffer.from(record.hash, 'base64')) };
}
