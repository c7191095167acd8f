import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from './store/open-store';
import { writeFileAtomic } from './store/atomic-file';

export const PIN_FILE = 'operator-pin.bin';
const PIN_AAD = 'operator-pin/v1';
/** scrypt cost for a short PIN: the sealed file is the real protection, this slows a memory dump. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
/** Free attempts before the wait starts; then 30 s, doubling, capped at 15 minutes. */
const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;

export type ReleaseOutcome = { ok: true } | { ok: false; reason: 'wrong-pin' | 'wait'; retryAfterMs: number; failures: number } | { ok: false; reason: 'pin-required' };

interface PinRecord {
  salt: string;
  hash: string;
}

/**
 * The operator lock: hides the screen (the renderer shows nothing but the lock) and makes main
 * refuse every operation that returns images or personal data until it is released. With a PIN,
 * release needs it; wrong PINs are rate-limited and audited. The PIN's hash is sealed with the
 * station's data key, so the file is useless without the key.
 */
export function createOperatorLock(options: { dataDir: string; now?: () => number; onChange: () => void }) {
  const now = options.now ?? Date.now;
  const file = join(options.dataDir, PIN_FILE);
  let locked = false;
  let failures = 0;
  let blockedUntil = 0;

  const readPin = (store: Store): PinRecord | null => (existsSync(file) ? (store.cipher.openJson(readFileSync(file), PIN_AAD) as PinRecord) : null);
  const hashPin = (pin: string, salt: Buffer) => scryptSync(pin.normalize('NFKC'), salt, 32, SCRYPT);
  const matches = (record: PinRecord, pin: string) => timingSafeEqual(hashPin(pin, Buffer.from(record.salt, 'base64')), Buffer.from(record.hash, 'base64'));
  const changed = () => options.onChange();

  return {
    get locked() {
      return locked;
    },
    pinSet: () => existsSync(file),
    engage() {
      if (locked) return;
      locked = true;
      changed();
    },
    /** Releases the lock; `store` is needed to check a PIN (null while the data is locked: no PIN can be checked). */
    release(pin: string | undefined, store: Store | null): ReleaseOutcome {
      const record = store ? readPin(store) : null;
      if (record) {
        if (pin === undefined) return { ok: false, reason: 'pin-required' };
        const wait = blockedUntil - now();
        if (wait > 0) return { ok: false, reason: 'wait', retryAfterMs: wait, failures };
        if (!matches(record, pin)) {
          failures += 1;
          const over = failures - FREE_ATTEMPTS;
          if (over >= 0) blockedUntil = now() + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** over);
          return { ok: false, reason: 'wrong-pin', retryAfterMs: Math.max(0, blockedUntil - now()), failures };
        }
      }
      failures = 0;
      blockedUntil = 0;
      if (locked) {
        locked = false;
        changed();
      }
      return { ok: true };
    },
    /** Sets or replaces the PIN; replacing needs the current one. Returns false when `current` is wrong. */
    setPin(pin: string, current: string | undefined, store: Store): boolean {
      const record = readPin(store);
      if (record && (current === undefined || !matches(record, current))) return false;
      const salt = randomBytes(16);
      writeFileAtomic(file, store.cipher.sealJson({ salt: salt.toString('base64'), hash: hashPin(pin, salt).toString('base64') } satisfies PinRecord, PIN_AAD), { replace: true });
      changed();
      return true;
    },
    clearPin(current: string, store: Store): boolean {
      const record = readPin(store);
      if (!record) return true;
      if (!matches(record, current)) return false;
      rmSync(file, { force: true });
      changed();
      return true;
    },
  };
}

export type OperatorLock = ReturnType<typeof createOperatorLock>;
