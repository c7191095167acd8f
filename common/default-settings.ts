import type { Settings } from './contract';
import { DEFAULT_CONSENT } from './customer-consent';
import { DEFAULT_BASE_URL } from './services/catalog';

/** A new station's settings (zod-free, so the renderer can use them without the validator). */
export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  mode: 'training',
  serverUrl: DEFAULT_BASE_URL,
  cameras: { selfie: '', document: '' },
  autoCapture: true,
  /**
   * Retention (main/core/history/retention.ts), the one declaration of its defaults. Images (faces,
   * identity documents: the most sensitive data here, biometric under GDPR art. 9) 30 days: long
   * enough to settle a dispute or review a recent check. Records a year: the station's history is a
   * working record, not the archive of record (Progeny and the back office keep that), and a year
   * covers audits and repeat customers.
   */
  retention: { imagesDays: 30, recordsDays: 365 },
  idleLockMinutes: 5,
  approvals: ['override', 'forget', 'export', 'settings'],
  consent: DEFAULT_CONSENT,
};
