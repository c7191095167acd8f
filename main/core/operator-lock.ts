import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from './store/open-store';
import { writeFileAtomic } from './store/atomic-file';

export const PIN_FILE = 'operator-pin.bin';
const PIN_AAD = 'operator-pin/v1';
/** Wrong PINs and the wait they earned, sealed like the PIN so a restart cannot reset them. */
export const ATTEMPTS_FILE = 'operator-pin-attempts.bin';
const ATTEMPTS_AAD = 'operator-pin-attempts/v1';
/** scrypt cost for a short PIN: the sealed file is the real protection, this slows a memory dump. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
/** Free attempts before the wait starts; then 30 s, doubling, capped at 15 minutes. */
export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 15 * 60_000;

/** A PIN check refused: a wrong PIN (counted) or one not even checked because of the wait. */
export type PinRefusal = { ok: false; reason: 'wrong-pin' | 'wait'; retryAfterMs: number; failures: number };
export type PinOutcome = { ok: true } | PinRefusal | { ok: false; reason: 'pin-required' };
/** `store-locked`: a PIN is set but the data key is not open yet, so no PIN can be checked. */
export type ReleaseOutcome = PinOutcome | { ok: false; reason: 'store-locked' };

interface PinRecord {
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

/**
 * The operator lock: hides the screen (the renderer shows nothing but the lock) and makes main
 * refuse every operation that returns images or personal data until it is released. With a PIN,
 * release needs it; wrong PINs are rate-limited and audited. The PIN's hash is sealed with the
 * station's data key, so the file is useless without the key.
 *
 * A station with a PIN starts locked, and the failure count and wait are kept sealed on disk:
 * closing the app and starting it again neither opens the station nor gives fresh guesses.
 */
export function createOperatorLock(options: { dataDir: string; now?: () => number; onChange: () => void }) {
  const now = options.now ?? Date.now;
  const file = join(options.dataDir, PIN_FILE);
  const attemptsFile = join(options.dataDir, ATTEMPTS_FILE);
  const pinSet = () => existsSync(file);
  let locked = pinSet();
  let failures = 0;
  let blockedUntil = 0;
  /** The store whose sealed attempts were read; the file can only be read once a key is open. */
  let attemptsReadWith: Store | null = null;

  const readPin = (store: Store): PinRecord | null => (existsSync(file) ? (store.cipher.openJson(readFileSync(file), PIN_AAD) as PinRecord) : null);
  const hashPin = (pin: string, salt: Buffer) => scryptSync(pin.normalize('NFKC'), salt, 32, SCRYPT);
  const matches = (record: PinRecord, pin: string) => timingSafeEqual(hashPin(pin, Buffer.from(record.salt, 'base64')), Buffer.from(record.hash, 'base64'));
  const changed = () => options.onChange();

  /** Merges what earlier runs recorded; a record that does not open counts as the limit reached. */
  const readAttempts = (store: Store) => {
    if (attemptsReadWith === store) return;
    attemptsReadWith = store;
    if (!existsSync(attemptsFile)) return;
    let stored: unknown;
    try {
      stored = store.cipher.openJson(readFileSync(attemptsFile), ATTEMPTS_AAD);
    } catch {
      stored = null;
    }
    // Deleting the file resets the count, as deleting the PIN file removes the PIN: both need write
    // access to the data folder. Replacing it with garbage must not do better than deleting it.
    const record = isAttempts(stored) ? stored : { failures: FREE_ATTEMPTS, blockedUntil: 0 };
    failures = Math.max(failures, record.failures);
    blockedUntil = Math.max(blockedUntil, record.blockedUntil);
  };
  const writeAttempts = (store: Store) => writeFileAtomic(attemptsFile, store.cipher.sealJson({ failures, blockedUntil } satisfies Attempts, ATTEMPTS_AAD), { replace: true });
  /** Time left to wait; a clock set back can stretch a wait to at most the longest one, never forever. */
  const waitLeft = () => {
    const current = now();
    if (blockedUntil - current > MAX_WAIT_MS) blockedUntil = current + MAX_WAIT_MS;
    return Math.max(0, blockedUntil - current);
  };

  /** Every PIN check goes through here: release, change and removal share one count and one wait. */
  const checkPin = (record: PinRecord, pin: string | undefined, store: Store): PinOutcome => {
    if (pin === undefined) return { ok: false, reason: 'pin-required' };
    readAttempts(store);
    const wait = waitLeft();
    if (wait > 0) return { ok: false, reason: 'wait', retryAfterMs: wait, failures };
    if (!matches(record, pin)) {
      failures += 1;
      const over = failures - FREE_ATTEMPTS;
      if (over >= 0) blockedUntil = now() + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** over);
      writeAttempts(store);
      return { ok: false, reason: 'wrong-pin', retryAfterMs: waitLeft(), failures };
    }
    if (failures !== 0 || blockedUntil !== 0) {
      failures = 0;
      blockedUntil = 0;
      writeAttempts(store);
    }
    return { ok: true };
  };

  return {
    get locked() {
      return locked;
    },
    pinSet,
    engage() {
      if (locked) return;
      locked = true;
      changed();
    },
    /** Releases the lock; `store` is needed to check a PIN (null while the data is locked: no PIN can be checked). */
    release(pin: string | undefined, store: Store | null): ReleaseOutcome {
      if (pinSet()) {
        if (!store) return { ok: false, reason: 'store-locked' };
        const record = readPin(store);
        if (record) {
          const outcome = checkPin(record, pin, store);
          if (!outcome.ok) return outcome;
        }
      }
      if (locked) {
        locked = false;
        changed();
      }
      return { ok: true };
    },
    /** Sets or replaces the PIN; replacing needs the current one, checked like an unlock. */
    setPin(pin: string, current: string | undefined, store: Store): PinOutcome {
      const record = readPin(store);
      if (record) {
        const outcome = checkPin(record, current, store);
        if (!outcome.ok) return outcome;
      }
      const salt = randomBytes(16);
      writeFileAtomic(file, store.cipher.sealJson({ salt: salt.toString('base64'), hash: hashPin(pin, salt).toString('base64') } satisfies PinRecord, PIN_AAD), { replace: true });
      changed();
      return { ok: true };
    },
    /** Removes the PIN; needs the current one, checked like an unlock. */
    clearPin(current: string, store: Store): PinOutcome {
      const record = readPin(store);
      if (!record) return { ok: true };
      const outcome = checkPin(record, current, store);
      if (!outcome.ok) return outcome;
      rmSync(file, { force: true });
      changed();
      return { ok: true };
    },
  };
}

export type OperatorLock = ReturnType<typeof createOperatorLock>;
