import { z } from 'zod';
import { serverAddressProblem } from '../../../common/server-address';
import { SERVICE_IDS } from '../../../common/services/catalog';
import { ApprovalActionSchema, ConsentModeSchema } from '../../../common/vocabulary';

/**
 * The organisation's managed policy file (README "For IT: fleet deployment"). Every key is optional:
 * what is absent stays the operator's choice. Strict at every level: a misspelt key is an error,
 * never silently ignored, because IT must know that what they pushed is what is enforced.
 */
const ServerUrl = z.string().superRefine((value, context) => {
  const problem = serverAddressProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: `the server address ${problem}` });
});
const Days = z.number().int().min(1).max(3650);

export const AuditForwardPolicySchema = z
  .object({
    /** The syslog collector (the SIEM's receiver): RFC 5424 over TCP, octet-counting framing. */
    host: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or IP address'),
    port: z.number().int().min(1).max(65535),
    tls: z.boolean().optional(),
    /** PEM file of the CA that signed the collector's certificate (TLS only; else the system's CAs). */
    caFile: z.string().min(1).max(4096).optional(),
  })
  .strict()
  .refine((value) => value.tls === true || value.caFile === undefined, { message: 'caFile needs "tls": true' });

export const PolicySchema = z
  .object({
    /** Which policy format this is; only 1 exists. */
    version: z.literal(1).optional(),
    /** The only Progeny server addresses the station may use; the first is the default. */
    allowedServers: z.array(ServerUrl).min(1).max(20).optional(),
    /** Lock the mode: 'training-only' never reaches a live server; 'live-only' never trains. */
    mode: z.enum(['training-only', 'live-only']).optional(),
    /** Bounds on both retention periods (images and records), in days. */
    retention: z
      .object({ minDays: Days.optional(), maxDays: Days.optional() })
      .strict()
      .refine((value) => value.minDays === undefined || value.maxDays === undefined || value.minDays <= value.maxDays, { message: 'minDays must not exceed maxDays' })
      .optional(),
    /** The idle lock is always on, after at most this many minutes. */
    idleLockMaxMinutes: z.number().int().min(1).max(240).optional(),
    /** Whether the customer's biometric consent is asked: required, optional or off. */
    consent: ConsentModeSchema.optional(),
    /** The workflows (Progeny services) this station offers; others are refused. */
    workflows: z.array(z.enum(SERVICE_IDS)).min(1).optional(),
    /** Automatic capture forced on or off. */
    autoCapture: z.boolean().optional(),
    /** Actions that need a supervisor's approval (four-eyes) whatever the station's settings say. */
    approvalRequiredFor: z.array(ApprovalActionSchema).optional(),
    /** Send every audit entry to the organisation's SIEM over syslog. */
    auditForward: AuditForwardPolicySchema.optional(),
  })
  .strict();
export type Policy = z.infer<typeof PolicySchema>;
