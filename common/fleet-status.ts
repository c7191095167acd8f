/**
 * What a fleet-managed station reports about its managed policy and its audit forwarding to the
 * organisation's SIEM (main/core/policy/, main/core/audit-forward/): part of `status:get`, shown in
 * Settings → About and printed by `station status`.
 */
import { z } from 'zod';
import { SERVICE_IDS } from './services/catalog';
import { ApprovalActionSchema, MANAGED_SETTINGS, POLICY_STATES } from './vocabulary';

export const PolicyStatusSchema = z.object({
  /** 'invalid': the file exists (or was named) but cannot be used; the station stays in training mode. */
  state: z.enum(POLICY_STATES),
  /** Where the station looked for the policy. */
  file: z.string(),
  /** Why an invalid policy cannot be used, in one sentence naming the problem. */
  problem: z.string().nullable(),
  /** Settings the policy fixes or bounds: Settings shows them locked. */
  managed: z.array(z.enum(MANAGED_SETTINGS)),
  /** Workflows offered; null: all. */
  workflows: z.array(z.enum(SERVICE_IDS)).nullable(),
  approvalRequiredFor: z.array(ApprovalActionSchema).nullable(),
});
export type PolicyStatus = z.infer<typeof PolicyStatusSchema>;

export const AuditForwardStatusSchema = z.object({
  /** host:port of the syslog collector. */
  collector: z.string(),
  connected: z.boolean(),
  /** Audit entries not yet known to be at the collector. */
  outboxDepth: z.number().int().nonnegative(),
  /** When the collector last took entries (ms since the epoch); null if never during this run. */
  lastDeliveredAt: z.number().nullable(),
  /** Why the last connection failed; null while it works. */
  lastError: z.string().nullable(),
});
export type AuditForwardStatus = z.infer<typeof AuditForwardStatusSchema>;

/** How a monitoring script should read the station: `station status` exits 0, 1 or 2 by this. */
export const HEALTH_LEVELS = ['healthy', 'degraded', 'broken'] as const;

export const HealthSchema = z.object({
  level: z.enum(HEALTH_LEVELS),
  /** Why the level is not healthy, one sentence each (English: for logs and IT tools). */
  reasons: z.array(z.string()),
  /** Verifications by queue state (done and cancelled included). */
  queue: z.record(z.string(), z.number().int().nonnegative()),
  /** When the oldest verification not yet accepted by Progeny was queued; null: none waiting. */
  oldestUnsentAt: z.number().nullable(),
  /** When Progeny last accepted a verification or returned a result. */
  lastProgenyOkAt: z.number().nullable(),
  /** The audit log's newest entry, and what the SIEM has (null: forwarding never delivered). */
  audit: z.object({ newestSeq: z.number().int().nonnegative(), forwardedSeq: z.number().int().nonnegative().nullable(), forwardedAt: z.number().nullable() }),
});
export type Health = z.infer<typeof HealthSchema>;
