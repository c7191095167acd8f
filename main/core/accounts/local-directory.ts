import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/open-store';
import { nameKey, type Account, type AuthOutcome, type AuthRefusal, type DirectoryState, type ManagedDirectory, type ManageOutcome } from './account-directory';

/** Rows of `store_meta`, sealed with the data key: the accounts, and the wrong secrets they earned. */
const ACCOUNTS_KEY = 'accounts';
const ACCOUNTS_AAD = 'store-meta:accounts/v1';
const ATTEMPTS_KEY = 'account-attempts';
const ATTEMPTS_AAD = 'store-meta:account-attempts/v1';
/** Wrong secrets for names that match no account share one count (the refusal never says which names exist). */
const UNKNOWN_NAME = '?';

/** Free attempts per account before the wait starts; then 30 s, doubling, capped at 15 minutes. */
export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 15 * 60_000;
/** scrypt cost: the sealed record is the real protection, this slows a memory dump or a stolen key. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

interface StoredAccount extends Account {
  salt: string;
  hash: string;
}
interface Attempts {
  failures: number;
  blockedUntil: number;
}

const isAttempts = (value: unknown): value is Attempts =>
  typeof value === 'object' &&
  value !== null &&
  Number.isSafeInteger((value as Attempts).failures) &&
  (value as Attempts).failures >= 0 &&
  Number.isSafeInteger((value as Attempts).blockedUntil) &&
  (value as Attempts).blockedUntil >= 0;
const isStoredAccounts = (value: unknown): value is StoredAccount[] =>
  Array.isArray(value) &&
  value.every(
    (entry) =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as StoredAccount).id === 'string' &&
      typeof (entry as StoredAccount).hash === 'string' &&
      typeof (entry as StoredAccount).salt === 'string',
  );

const publicPart = ({ salt: _salt, hash: _hash, ...account }: StoredAccount): Account => account;

/**
 * The station's own account directory, kept in the encrypted store (`store_meta`) and sealed with
 * the data key: without the key it cannot be read, and with write access to the folder it cannot be
 * removed to open the station. A missing record where the audit log says accounts were created, or
 * a record that does not open, leaves the directory `missing`: nobody signs in and no "first
 * administrator" can be created. Wrong secrets are counted per account, sealed in the store too, so
 * a restart neither resets the count nor the wait.
 */
export function openLocalDirectory(store: Store, options: { now?: () => number; scrypt?: { N: number; r: number; p: number } } = {}): ManagedDirectory {
  const now = options.now ?? Date.now;
  const cost = { ...SCRYPT, ...options.scrypt };
  const db = store.database.db;
  const readMeta = (key: string) => db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck().get(key) as Buffer | undefined;
  const writeMeta = (key: string, value: Buffer) => db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  const everCreated = () => db.prepare("SELECT 1 FROM audit_log WHERE action = 'account-create' LIMIT 1").pluck().get() !== undefined;

  /** null: the record is missing where accounts existed, or it does not open. */
  const readAccounts = (): StoredAccount[] | null => {
    const sealed = readMeta(ACCOUNTS_KEY);
    if (!sealed) return everCreated() ? null : [];
    try {
      const opened = store.cipher.openJson(sealed, ACCOUNTS_AAD);
      return isStoredAccounts(opened) ? opened : null;
    } catch {
      return null;
    }
  };
  const writeAccounts = (accounts: StoredAccount[]) => writeMeta(ACCOUNTS_KEY, store.cipher.sealJson(accounts, ACCOUNTS_AAD));

  const readAttempts = (): Record<string, Attempts> => {
    const sealed = readMeta(ATTEMPTS_KEY);
    if (!sealed) return {};
    try {
      const opened = store.cipher.openJson(sealed, ATTEMPTS_AAD);
      if (typeof opened === 'object' && opened !== null && !Array.isArray(opened) && Object.values(opened).every(isAttempts)) return opened as Record<string, Attempts>;
    } catch {
      // below
    }
    // A record replaced with garbage must not do better than the limit reached, for everyone.
    return new Proxy({}, { get: () => ({ failures: FREE_ATTEMPTS, blockedUntil: 0 }) });
  };
  const writeAttempts = (all: Record<string, Attempts>) => writeMeta(ATTEMPTS_KEY, store.cipher.sealJson({ ...all }, ATTEMPTS_AAD));
  const attemptsOf = (bucket: string): Attempts => readAttempts()[bucket] ?? { failures: 0, blockedUntil: 0 };
  const setAttempts = (bucket: string, attempts: Attempts | null) => {
    const all = { ...readAttempts() };
    if (attempts) all[bucket] = attempts;
    else delete all[bucket];
    // Stripped of the proxy's made-up entries: only real buckets are written back.
    writeAttempts(Object.fromEntries(Object.entries(all).filter(([, value]) => isAttempts(value))));
  };
  const waitLeft = (attempts: Attempts) => Math.max(0, Math.min(attempts.blockedUntil - now(), MAX_WAIT_MS));

  const hash = (secret: string, salt: Buffer) => scryptSync(secret.normalize('NFKC'), salt, 32, cost);
  const matches = (account: StoredAccount, secret: string) => timingSafeEqual(hash(secret, Buffer.from(account.salt, 'base64')), Buffer.from(account.hash, 'base64'));
  const sealedSecret = (secret: string) => {
    const salt = randomBytes(16);
    return { salt: salt.toString('base64'), hash: hash(secret, salt).toString('base64') };
  };
  const DUMMY: StoredAccount = { id: '', name: '', role: 'operator', disabled: true, createdAt: 0, createdBy: '', updatedAt: 0, updatedBy: '', ...sealedSecret(randomUUID()) };

  const state = (): DirectoryState => {
    const accounts = readAccounts();
    return accounts === null ? 'missing' : accounts.length === 0 ? 'none' : 'ready';
  };
  const refuse = (reason: Exclude<ManageOutcome, { ok: true }>['reason'], message: string): ManageOutcome => ({ ok: false, reason, message });
  const isAdministrator = (accounts: StoredAccount[], by: Account) => accounts.some((account) => account.id === by.id && account.role === 'administrator' && !account.disabled);

  /** Every secret check goes through here: one sealed count and one wait per bucket. */
  const counted = (bucket: string, check: () => boolean): { ok: true } | AuthRefusal => {
    let attempts = attemptsOf(bucket);
    // A clock set back, or a far-future wait in the store: capped once, and the cap kept, so it ends.
    if (attempts.blockedUntil - now() > MAX_WAIT_MS) {
      attempts = { ...attempts, blockedUntil: now() + MAX_WAIT_MS };
      setAttempts(bucket, attempts);
    }
    const wait = waitLeft(attempts);
    if (wait > 0) return { ok: false, reason: 'wait', retryAfterMs: wait, failures: attempts.failures };
    if (!check()) {
      const failures = attempts.failures + 1;
      const over = failures - FREE_ATTEMPTS;
      const blockedUntil = over >= 0 ? now() + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** over) : 0;
      setAttempts(bucket, { failures, blockedUntil });
      return { ok: false, reason: 'wrong', retryAfterMs: waitLeft({ failures, blockedUntil }), failures };
    }
    if (attempts.failures !== 0 || attempts.blockedUntil !== 0) setAttempts(bucket, null);
    return { ok: true };
  };

  return {
    kind: 'local',
    guard: (bucket, check) => counted(`guard:${bucket}`, check),
    state,
    authenticate(name, secret): AuthOutcome {
      const accounts = readAccounts();
      if (!accounts) return { ok: false, reason: 'unavailable', retryAfterMs: 0, failures: 0 };
      const account = accounts.find((candidate) => nameKey(candidate.name) === nameKey(name));
      // An unknown name costs the same hash as a known one: the time taken does not tell names apart.
      const checked = counted(account?.id ?? UNKNOWN_NAME, () => matches(account ?? DUMMY, secret) && account !== undefined);
      if (!checked.ok) return checked;
      if (!account) return { ok: false, reason: 'wrong', retryAfterMs: 0, failures: 0 };
      if (account.disabled) return { ok: false, reason: 'disabled', retryAfterMs: 0, failures: 0 };
      return { ok: true, account: publicPart(account) };
    },
    list: () => (readAccounts() ?? []).map(publicPart),
    find(id) {
      const found = readAccounts()?.find((account) => account.id === id);
      return found ? publicPart(found) : null;
    },
    createFirst(name, secret) {
      const accounts = readAccounts();
      if (accounts === null) return refuse('unavailable', 'The operator accounts of this station are missing or damaged: no new administrator can be created. Restore the data folder from a backup.');
      if (accounts.length > 0) return refuse('not-allowed', 'This station already has an administrator: sign in.');
      const at = now();
      const created: StoredAccount = {
        id: randomUUID(),
        name: name.trim(),
        role: 'administrator',
        disabled: false,
        createdAt: at,
        createdBy: name.trim(),
        updatedAt: at,
        updatedBy: name.trim(),
        ...sealedSecret(secret),
      };
      writeAccounts([created]);
      return { ok: true, account: publicPart(created) };
    },
    add(by, { name, role, secret }) {
      const accounts = readAccounts();
      if (!accounts) return refuse('unavailable', 'The operator accounts cannot be read.');
      if (!isAdministrator(accounts, by)) return refuse('not-allowed', 'Only an administrator can add operators.');
      if (accounts.some((account) => nameKey(account.name) === nameKey(name))) return refuse('name-taken', `An account named "${name.trim()}" already exists.`);
      const at = now();
      const created: StoredAccount = { id: randomUUID(), name: name.trim(), role, disabled: false, createdAt: at, createdBy: by.name, updatedAt: at, updatedBy: by.name, ...sealedSecret(secret) };
      writeAccounts([...accounts, created]);
      return { ok: true, account: publicPart(created) };
    },
    update(by, id, change) {
      const accounts = readAccounts();
      if (!accounts) return refuse('unavailable', 'The operator accounts cannot be read.');
      if (!isAdministrator(accounts, by)) return refuse('not-allowed', 'Only an administrator can change operators.');
      const index = accounts.findIndex((account) => account.id === id);
      const current = accounts[index];
      if (!current) return refuse('not-found', 'No such account.');
      const next: StoredAccount = {
        ...current,
        ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
        ...(change.role === undefined ? {} : { role: change.role }),
        ...(change.secret === undefined ? {} : sealedSecret(change.secret)),
        updatedAt: now(),
        updatedBy: by.name,
      };
      const updated = accounts.map((account, position) => (position === index ? next : account));
      // The station always keeps one administrator who can sign in, or nobody could manage it again.
      if (!updated.some((account) => account.role === 'administrator' && !account.disabled))
        return refuse('last-administrator', 'This is the last active administrator: add another administrator first.');
      writeAccounts(updated);
      // A reset secret starts with a clean count: the administrator vouched for the person.
      if (change.secret !== undefined) setAttempts(id, null);
      return { ok: true, account: publicPart(next) };
    },
  };
}
