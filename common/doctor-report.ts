/**
 * The report of `station doctor` and Settings' "Test connection" (main/core/progeny/doctor.ts):
 * which checks exist, the reason codes the renderer has words for, and the report's shape.
 */
import type { ServiceId } from './services/catalog';

export const DOCTOR_CHECKS = ['address', 'dns', 'connection', 'sign-in', 'clock', 'refresh', 'task', 'service'] as const;
export type DoctorCheck = (typeof DOCTOR_CHECKS)[number];
export type DoctorOutcome = 'pass' | 'fail' | 'skip';

/** Why a step came out as it did; the renderer has words for each (settings.doctor.reason.*). */
export const DOCTOR_REASONS = [
  'address-ok',
  'address-invalid',
  'dns-resolved',
  'dns-failed',
  'tcp-connected',
  'tls-valid',
  'tls-invalid',
  'connect-failed',
  'signed-in',
  'no-credentials',
  'credentials-refused',
  'unreachable',
  'unexpected-answer',
  'clock-in-sync',
  'clock-skewed',
  'clock-unknown',
  'refreshed',
  'refreshed-kept',
  'refresh-refused',
  'task-unknown-404',
  'task-unknown-pending',
  'not-allowed',
  'service-reachable',
  'service-reachable-alternative',
  'service-asks-for-more',
  'service-accepted-empty',
  'service-not-found',
  'skipped',
] as const;
export type DoctorReason = (typeof DOCTOR_REASONS)[number];

export interface DoctorStep {
  check: DoctorCheck;
  /** For `service` steps. */
  service?: ServiceId;
  outcome: DoctorOutcome;
  reason: DoctorReason;
  /** The facts the words need (host, seconds, path, field names…). */
  values: Record<string, string | number>;
  /** The same in plain English. */
  detail: string;
}

export interface DoctorReport {
  server: string;
  /** True when no step failed. */
  passed: boolean;
  steps: DoctorStep[];
  /** Which spelling of each service path this server answers, as remembered. */
  paths: Partial<Record<ServiceId, string>>;
}
