import type { Role } from '../../../common/vocabulary';

/** An operator account as the station shows it: never its secret. */
export interface Account {
  id: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
}

/**
 * A sign-in or approval refused. `wrong` covers an unknown name and a wrong secret alike (the
 * refusal does not say which names exist); `wait` means no secret was even checked (back-off);
 * `disabled` is only said to someone who typed the right secret; `unavailable`: the directory
 * cannot be read (its sealed record is missing or does not open), so nobody signs in.
 */
export type AuthRefusal = { ok: false; reason: 'wrong' | 'wait' | 'disabled' | 'unavailable'; retryAfterMs: number; failures: number };
export type AuthOutcome = { ok: true; account: Account } | AuthRefusal;

/**
 * Who may work at this station. The station asks only this of a directory, so an organisation's
 * identity provider can replace the local one: an LDAP directory would bind as the user in
 * `authenticate` and map group membership to a role; an OIDC provider would do the same with a
 * token obtained by the host's sign-in page (the `secret` then being a one-time code). `list` feeds
 * the administrator's screen; a read-only directory simply refuses `ManagedDirectory`'s writes.
 */
export interface AccountDirectory {
  /** 'local' for the sealed directory in the station's store. */
  readonly kind: string;
  authenticate(name: string, secret: string): AuthOutcome;
  list(): Account[];
  find(id: string): Account | null;
}

export type DirectoryState = 'none' | 'ready' | 'missing';

export type ManageRefusal = { ok: false; reason: 'not-allowed' | 'name-taken' | 'not-found' | 'last-administrator' | 'unavailable'; message: string };
export type ManageOutcome = { ok: true; account: Account } | ManageRefusal;

/** A directory the station itself keeps: the administrator adds, disables and resets accounts. */
export interface ManagedDirectory extends AccountDirectory {
  /** 'none': no account was ever created (first start); 'missing': there were accounts but their record is gone or broken. */
  state(): DirectoryState;
  createFirst(name: string, secret: string): ManageOutcome;
  add(by: Account, account: { name: string; role: Role; secret: string }): ManageOutcome;
  update(by: Account, id: string, change: { disabled?: boolean; secret?: string; role?: Role }): ManageOutcome;
  /** Another secret check (e.g. an upgraded station's old PIN) under the same sealed count and back-off, in its own bucket. */
  guard(bucket: string, check: () => boolean): { ok: true } | AuthRefusal;
}

/** Case, width and surrounding spaces do not make two names different people. */
export const nameKey = (name: string): string => name.normalize('NFKC').trim().toLocaleLowerCase('en');
