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
  /** Once per store: rows written before row MACs were bound (trusted as they stood). */
  'store-upgrade',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
