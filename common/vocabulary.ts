/**
 * The station's closed lists, each declared once: main, the CLI and the renderer import them from
 * here and derive their types and subsets from them (a new state or reason is added in one place,
 * and every `Record<…, string>` of labels then fails the typecheck until it is named).
 *
 * Each list is a tuple with its `z.enum` beside it; the types come from the schemas. The renderer
 * uses the tuples only: the schemas are marked pure, so its bundle leaves zod out.
 */
import { z } from 'zod';

/** Training talks to the built-in sandbox; live needs a Progeny account. */
export const MODES = ['training', 'live'] as const;
export const ModeSchema = /* @__PURE__ */ z.enum(MODES);
export type Mode = z.infer<typeof ModeSchema>;

/** The life of a queued verification (main/core/queue/queue-states.ts has the transitions). */
export const QUEUE_STATES = ['draft', 'ready', 'submitting', 'submitted', 'retry', 'attention', 'done', 'cancelled'] as const;
export const QueueStateSchema = /* @__PURE__ */ z.enum(QUEUE_STATES);
export type QueueState = z.infer<typeof QueueStateSchema>;

/** States a verification never leaves. */
export const FINAL_STATES = ['done', 'cancelled'] as const satisfies readonly QueueState[];
/** Not yet final: waiting, sending, collecting or needing a person. */
export const OPEN_STATES = ['draft', 'ready', 'retry', 'submitting', 'submitted', 'attention'] as const satisfies readonly QueueState[];
/** Not final and not waiting for a person: the station is still working on it. */
export const WAITING_STATES = ['draft', 'ready', 'submitting', 'submitted', 'retry'] as const satisfies readonly QueueState[];
export type WaitingState = (typeof WAITING_STATES)[number];

/** Why a verification waits for a person. */
export const ATTENTION_REASONS = ['uncertain', 'rejected', 'credentials', 'unknown-task', 'deadline', 'failed'] as const;
export const AttentionReasonSchema = /* @__PURE__ */ z.enum(ATTENTION_REASONS);
export type AttentionReason = z.infer<typeof AttentionReasonSchema>;

/** Every way a Progeny call can fail (main/core/progeny/progeny-error.ts says what to do about each). */
export const FAILURE_KINDS = [
  'offline',
  'timeout',
  'server-error',
  'rate-limited',
  'invalid-response',
  'auth',
  'credentials-rejected',
  'validation',
  'unknown-task',
  'cancelled',
  'client-error',
] as const;
export const FailureKindSchema = /* @__PURE__ */ z.enum(FAILURE_KINDS);
export type FailureKind = z.infer<typeof FailureKindSchema>;

/** What a queued verification's last error can be: a Progeny failure, or the queue's own (a crash mid-send, a missed deadline). */
export const ERROR_KINDS = [...FAILURE_KINDS, 'interrupted', 'deadline'] as const;
export const ErrorKindSchema = /* @__PURE__ */ z.enum(ERROR_KINDS);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

/** A finished verification's verdict. */
export const OUTCOMES = ['verified', 'not-verified', 'needs-review'] as const;
export const OutcomeSchema = /* @__PURE__ */ z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** Whether a string from main (which a newer station may extend) is one of a list's values. */
export const isOneOf = <T extends string>(values: readonly T[], value: string | null | undefined): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);

/** Whether the station asks for the customer's biometric consent before a face is captured (common/customer-consent.ts). */
export const CONSENT_MODES = ['required', 'optional', 'off'] as const;
export const ConsentModeSchema = /* @__PURE__ */ z.enum(CONSENT_MODES);
export type ConsentMode = z.infer<typeof ConsentModeSchema>;

/** The customer's answer to the consent text. */
export const CONSENT_ANSWERS = ['agreed', 'declined'] as const;
export const ConsentAnswerSchema = /* @__PURE__ */ z.enum(CONSENT_ANSWERS);
export type ConsentAnswer = z.infer<typeof ConsentAnswerSchema>;

/** What an operator account may do, from least to most trusted (main/core/accounts/). */
export const ROLES = ['operator', 'supervisor', 'administrator'] as const;
export const RoleSchema = /* @__PURE__ */ z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
/** Roles that may approve an action for an operator (four-eyes), and do it themselves without a second person. */
export const APPROVER_ROLES = ['supervisor', 'administrator'] as const satisfies readonly Role[];

/**
 * Actions an operator may only do with a supervisor's or administrator's approval, when the
 * administrator's settings say so: overriding a failing pre-check, forgetting a customer, exporting
 * evidence, and changing the server, the mode or the retention.
 */
export const APPROVAL_ACTIONS = ['override', 'forget', 'export', 'settings'] as const;
export const ApprovalActionSchema = /* @__PURE__ */ z.enum(APPROVAL_ACTIONS);
export type ApprovalAction = z.infer<typeof ApprovalActionSchema>;

/**
 * What an organisation's managed policy can fix (main/core/policy/): Settings shows these controls
 * locked ("set by your organisation") and main refuses a change that contradicts the policy.
 */
export const MANAGED_SETTINGS = ['serverUrl', 'mode', 'retention', 'idleLockMinutes', 'consent', 'workflows', 'autoCapture', 'approvals'] as const;
export type ManagedSetting = (typeof MANAGED_SETTINGS)[number];
/** Whether a policy file is in force, absent, or unusable (then the station stays in training mode). */
export const POLICY_STATES = ['none', 'in-force', 'invalid'] as const;
export type PolicyState = (typeof POLICY_STATES)[number];
