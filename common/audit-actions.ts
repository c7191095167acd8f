/** What the audit log records: the store writes these, the Settings screen names them. */
export const AUDIT_ACTIONS = [
  'login',
  'logout',
  'submit',
  'override',
  /** The customer's answer to the biometric consent text (answer, language, version; no name). */
  'consent',
  'resolve-uncertain',
  'cancel',
  'export',
  'purge',
  'forget',
  'settings-change',
  'credentials-change',
  'key-change',
  'lock',
  'unlock',
  'unlock-failed',
  'pin-change',
  /** Operator accounts (main/core/accounts/): created, changed (role, disabled, secret reset), signing in. */
  'account-create',
  'account-change',
  'sign-in',
  'sign-in-failed',
  /** A supervisor's or administrator's approval refused (wrong secret, not an approver). */
  'approval-refused',
  /** Once per store: rows written before row MACs were bound (trusted as they stood). */
  'store-upgrade',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
