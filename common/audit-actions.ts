/** What the audit log records: the store writes these, the Settings screen names them. */
export const AUDIT_ACTIONS = [
  'login',
  'logout',
  'submit',
  'override',
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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
