/**
 * The bridge contract: every request/response operation and every main→renderer event, once.
 * Main validates requests with these schemas, both transports use the names, and the renderer's
 * `window.station` is typed from here. Nothing in this file may import Node, DOM or Electron.
 */
import { z } from 'zod';
import { LANGUAGES, PIN_PATTERN, type EventName, type OperationName } from './contract-names';
import { RESULT_CHECKS, SERVICE_IDS } from './services/catalog';
import { REVIEW_REASON_CODES } from './services/result-model';
import { DOCTOR_CHECKS, DOCTOR_REASONS } from './doctor-report';
import { serverAddressProblem } from './server-address';
import type { Result } from './result';
import { ApprovalActionSchema, ModeSchema, OutcomeSchema, QueueStateSchema, RoleSchema } from './vocabulary';
import { ConsentRecordSchema, ConsentSettingsSchema, CustomerSchema } from './customer-consent-schema';
import { AuditForwardStatusSchema, HealthSchema, PolicyStatusSchema } from './fleet-status';

export * from './contract-names';

export const LanguageSchema = z.enum(LANGUAGES);

export { ModeSchema } from './vocabulary';

export const SettingsSchema = z.object({
  /** 'system' follows the operating system's language when we have it, else English. */
  language: z.union([LanguageSchema, z.literal('system')]),
  /** Training talks to the built-in sandbox; live needs a Progeny account (sign in). */
  mode: ModeSchema,
  /** Live Progeny API base URL: common/server-address.ts decides (https, or http on loopback only). */
  serverUrl: z.string().superRefine((value, context) => {
    const problem = serverAddressProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  }),
  /** Preferred cameras by what they film; empty means the system default. */
  cameras: z.object({ selfie: z.string().max(256), document: z.string().max(256) }).strict(),
  /** Capture on its own once the live guidance has seen a good frame long enough. */
  autoCapture: z.boolean(),
  /** Retention: images are deleted after this many days, records after that many. */
  retention: z.object({ imagesDays: z.number().int().min(1).max(3650), recordsDays: z.number().int().min(1).max(3650) }).strict(),
  /** Lock the screen after this many minutes without input; 0 turns the idle lock off. */
  idleLockMinutes: z.number().int().min(0).max(240),
  /** Four-eyes: what an operator may only do with a supervisor's or administrator's approval (administrators change it). */
  approvals: z.array(ApprovalActionSchema).max(8),
  /** Biometric consent: required (default), optional or off, and the texts per language (common/customer-consent.ts). */
  consent: ConsentSettingsSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export { DEFAULT_SETTINGS } from './default-settings';

export const StatusSchema = z.object({
  mode: ModeSchema,
  /** Live mode: whether Progeny credentials are available to main (never the credentials themselves). */
  signedIn: z.boolean(),
  /** Whether main can keep credentials across restarts (an OS keychain with real encryption). */
  canRememberCredentials: z.boolean(),
  /** The encrypted store: 'new' means no key exists yet and the operator must choose a passphrase. */
  store: z.enum(['unlocked', 'locked', 'new', 'unavailable']),
  /** The operator lock is on: the screen shows only the lock, main refuses personal data. */
  locked: z.boolean(),
  /** Operator accounts: 'none' on first start (create the administrator), 'missing' when their sealed record is gone; null while the store is locked. */
  accounts: z.enum(['none', 'ready', 'missing']).nullable(),
  /** Who is signed in (null while the station is locked). */
  operator: z.object({ name: z.string(), role: RoleSchema }).nullable(),
  /** 'unknown' until something has actually tried to reach the verification server. */
  connectivity: z.enum(['unknown', 'online', 'offline']),
  /** null while this station has no queue to report on. */
  queueSize: z.number().int().nonnegative().nullable(),
  /** Set when the settings file could not be read and was set aside (its new name). */
  settingsRecoveredFrom: z.string().nullable(),
  /**
   * What the store's integrity check found after it was opened (audit chain, verification rows
   * changed outside the station); null while no store is open. Absent from older cores.
   */
  integrity: z
    .object({
      audit: z.enum(['ok', 'broken']),
      /** The first audit entry that fails (missing, edited, or cut off at the end). */
      brokenAtSeq: z.number().int().positive().nullable(),
      tamperedRecords: z.number().int().nonnegative(),
    })
    .nullable()
    .optional(),
  /** The organisation's managed policy (common/fleet-status.ts). Absent from older cores. */
  policy: PolicyStatusSchema.optional(),
  /** Audit forwarding to the SIEM; null when no collector is configured. Absent from older cores. */
  auditForward: AuditForwardStatusSchema.nullable().optional(),
  /** Health for IT (queue by state, oldest unsent, last Progeny success, audit forwarded); null while the store is locked. */
  health: HealthSchema.nullable().optional(),
});
export type Status = z.infer<typeof StatusSchema>;

/**
 * What the host running this station can do, set by the host when it starts: the renderer reads
 * these instead of guessing which host it runs in.
 */
export const CapabilitiesSchema = z
  .object({
    /** The renderer's `Notification` reaches the operating system (Electron); the web station shows in-page notices only. */
    systemNotifications: z.boolean(),
  })
  .strict();
export type Capabilities = z.infer<typeof CapabilitiesSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  capabilities: CapabilitiesSchema,
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

const NoInput = z.undefined();

/** A queued verification as main reads it from the queue (sqlite-queue.ts) and the UI lists it. */
export const QueueRowSchema = z.object({
  id: z.string(),
  service: z.enum(SERVICE_IDS),
  mode: ModeSchema,
  state: QueueStateSchema,
  attempts: z.number().int().nonnegative(),
  createdAt: z.number(),
  updatedAt: z.number(),
  nextAttemptAt: z.number().nullable(),
  verdict: z.string().nullable(),
  attentionReason: z.string().nullable(),
  errorKind: z.string().nullable(),
  errorMessage: z.string().nullable(),
  taskId: z.string().nullable(),
  /** Who it is for, as the operator entered it (absent from older cores). */
  customer: z.object({ reference: z.string().nullable(), name: z.string().nullable() }).optional(),
});
export type QueueRow = z.infer<typeof QueueRowSchema>;
const ItemId = z.object({ id: z.uuid() }).strict();

const ServiceIdSchema = z.enum(SERVICE_IDS);

/** Largest image the station sends (Progeny's own limit is far below; the pre-check says so first). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export const UploadSchema = z
  .object({
    filename: z.string().min(1).max(255),
    contentType: z.enum(['image/jpeg', 'image/png']),
    /** The image bytes, base64 (JSON frames on the web station, the same shape over IPC). */
    data: z.base64().max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4),
  })
  .strict();

/** A failing pre-check the operator accepted, with why: recorded in the audit log. */
export const OverrideSchema = z
  .object({
    checks: z.array(z.string().min(1).max(64)).min(1).max(64),
    reason: z.string().trim().min(5, 'give a reason of at least 5 characters').max(500),
  })
  .strict();

export const SubmitRequestSchema = z
  .object({
    service: ServiceIdSchema,
    /** By Progeny's multipart field name (e.g. selfie_image, passport_image); must be exactly the service's files. */
    files: z.record(z.string().max(32), UploadSchema),
    /** Text inputs by Progeny's field name (fullname, birth_date, uuid). */
    fields: z.record(z.string().max(32), z.string().trim().min(1).max(200)),
    /** The pre-check reports as shown to the operator, kept with the record. */
    prechecks: z.json().optional(),
    override: OverrideSchema.optional(),
    /** Four-eyes: a supervisor's or administrator's name and secret, checked in this very call. */
    approval: z.lazy(() => ApprovalSchema).optional(),
    /** Who it is for (common/customer-consent.ts): reference and name, sealed with the record. */
    customer: CustomerSchema.optional(),
    /** The customer's answer to the biometric consent text; main requires "agreed" for a face service when consent is required. */
    consent: ConsentRecordSchema.optional(),
  })
  .strict();
export type SubmitRequest = z.infer<typeof SubmitRequestSchema>;

export const HistoryQuerySchema = z
  .object({
    text: z.string().max(200).optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
    services: z.array(ServiceIdSchema).max(8).optional(),
    outcomes: z.array(OutcomeSchema).max(3).optional(),
    mode: ModeSchema.optional(),
    /** "My work": only what the signed-in operator did (main fills in who that is). */
    mine: z.boolean().optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().nonnegative().optional(),
  })
  .strict();

export const HistorySummarySchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  service: ServiceIdSchema,
  mode: ModeSchema,
  state: QueueStateSchema,
  verdict: OutcomeSchema.nullable(),
  operator: z.string().nullable(),
  subject: z.object({ name: z.string().nullable(), documentNumber: z.string().nullable(), dateOfBirth: z.string().nullable() }),
  /** The customer as the operator entered it (reference, name); absent from older cores. */
  customer: z.object({ reference: z.string().nullable(), name: z.string().nullable() }).optional(),
  unreadable: z.boolean(),
  /** Changed outside the station: verdict withheld, never shown as live (absent means intact). */
  tampered: z.boolean().optional(),
});

export const DocumentFieldsSchema = z.object({
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  documentNumber: z.string().nullable(),
  nationality: z.string().nullable(),
  sex: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  dateOfIssue: z.string().nullable(),
  dateOfExpiry: z.string().nullable(),
  age: z.number().nullable(),
});
export type DocumentFields = z.infer<typeof DocumentFieldsSchema>;

/** The normalised result (common/services/result-model.ts) as the UI receives it. */
export const ResultSchema = z.object({
  service: ServiceIdSchema,
  /** Celery task state as reported. */
  taskState: z.string(),
  /** The verification's own status code inside the result (200, 400…), when present. */
  resultStatus: z.number().nullable(),
  verdict: OutcomeSchema,
  /** A check the result does not mention has no key (see `reviewReasons`); null: there but unreadable. */
  checks: z.partialRecord(z.enum(RESULT_CHECKS), z.boolean().nullable()),
  liveness: z.object({ passed: z.boolean().nullable(), score: z.number().nullable(), quality: z.number().nullable(), probability: z.number().nullable() }).nullable(),
  authentication: z.object({ passed: z.boolean().nullable(), matchScore: z.number().nullable(), scorePercent: z.number().nullable() }).nullable(),
  registration: z.object({ uuid: z.string() }).nullable(),
  document: z.object({ valid: z.boolean().nullable(), expired: z.boolean().nullable(), fields: DocumentFieldsSchema, portraitUrl: z.string().nullable() }).nullable(),
  compare: z.boolean().nullable(),
  backgroundCheck: z.object({ potentialMatch: z.boolean().nullable(), riskLevel: z.string().nullable(), totalMatches: z.number().nullable(), hits: z.array(z.unknown()) }).nullable(),
  issues: z.array(z.object({ check: z.string(), code: z.string(), message: z.string(), guidance: z.string() })),
  /** True when the verdict is "needs review" because of the payload's shape: show the raw response. */
  unrecognised: z.boolean(),
  /** Why the result needs review (result-model.ts REVIEW_REASON_CODES); absent on results stored before it existed. */
  reviewReasons: z.array(z.object({ code: z.enum(REVIEW_REASON_CODES), path: z.string().nullable(), value: z.string().nullable() })).optional(),
  /** The task envelope's own `id` (a number in the docs, text on some servers), as text. */
  recordId: z.string().nullable().optional(),
  /** Scores that came with `compare` when it was an object; null for a bare boolean. */
  compareScores: z.object({ matchScore: z.number().nullable(), scorePercent: z.number().nullable() }).nullable().optional(),
});
export type VerificationResult = z.infer<typeof ResultSchema>;

export const HistoryDetailSchema = HistorySummarySchema.extend({
  updatedAt: z.number(),
  submittedAt: z.number().nullable(),
  taskId: z.string().nullable(),
  sendCount: z.number().int().nonnegative(),
  attentionReason: z.string().nullable(),
  error: z.object({ kind: z.string(), message: z.string().nullable(), fields: z.record(z.string(), z.array(z.string())).nullable() }).nullable(),
  fields: z.record(z.string(), z.string()),
  prechecks: z.unknown(),
  overrideReason: z.string().nullable(),
  /** The customer's biometric consent as recorded with the submission; null when none was asked. */
  consent: ConsentRecordSchema.nullable().optional(),
  result: ResultSchema.nullable(),
  /** Progeny's task answer exactly as received, for support ("raw response"); null when there is no result. */
  raw: z.unknown().optional(),
  attempts: z.array(z.object({ seq: z.number(), at: z.number(), action: z.string(), outcome: z.string(), detail: z.string().nullable() })),
  images: z.array(
    z.object({ blobId: z.string(), field: z.string(), kind: z.string(), filename: z.string().nullable(), contentType: z.string().nullable(), bytes: z.number().nullable(), available: z.boolean() }),
  ),
  unreadableColumns: z.array(z.string()),
});
export type HistoryDetail = z.infer<typeof HistoryDetailSchema>;

export const RegisteredPersonSchema = z.object({
  /** The register_face verification that produced it. */
  verificationId: z.string(),
  uuid: z.string(),
  registeredAt: z.number(),
  /** The customer's name as entered at registration (or read from a document); else null. */
  name: z.string().nullable(),
  /** The customer reference entered at registration; absent from older cores. */
  reference: z.string().nullable().optional(),
});

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.json()),
});

const Passphrase = z.string().min(1).max(1024);
export const UnlockRequestSchema = z.union([
  z.object({ passphrase: Passphrase }).strict(),
  /** First start: choose the passphrase that protects this station's data. */
  z.object({ newPassphrase: z.string().min(8, 'choose a passphrase of at least 8 characters').max(1024) }).strict(),
]);

export const PinSchema = z.string().regex(PIN_PATTERN, 'a PIN is 4 to 12 digits');

/** An operator's name as they type it to sign in. */
export const AccountNameSchema = z.string().trim().min(1, 'enter a name').max(64);
/** A PIN of at least 6 digits, or a passphrase: at least 6 characters either way. */
export const AccountSecretSchema = z.string().min(6, 'a secret is at least 6 digits or characters').max(1024);
export const SignInSchema = z.object({ name: AccountNameSchema, secret: AccountSecretSchema }).strict();
/** Four-eyes: the approver's own name and secret, typed on the operator's screen. */
export const ApprovalSchema = SignInSchema;
export const AccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: z.number(),
  createdBy: z.string(),
  updatedAt: z.number(),
  updatedBy: z.string(),
});
export type AccountRow = z.infer<typeof AccountSchema>;
export const SettingsUpdateSchema = SettingsPatchSchema.extend({ approval: ApprovalSchema.optional() }).strict();

export const SignInRequestSchema = z
  .object({
    username: z.string().trim().min(1).max(254),
    password: z.string().min(1).max(1024),
    /** Keep them (encrypted by the OS keychain) across restarts; refused where the OS cannot encrypt. */
    remember: z.boolean(),
  })
  .strict();

/** What "Test connection" found (common/doctor-report.ts), step by step. */
export const ConnectionReportSchema = z.object({
  server: z.string(),
  passed: z.boolean(),
  steps: z.array(
    z.object({
      check: z.enum(DOCTOR_CHECKS),
      service: ServiceIdSchema.optional(),
      outcome: z.enum(['pass', 'fail', 'skip']),
      reason: z.enum(DOCTOR_REASONS),
      values: z.record(z.string(), z.union([z.string(), z.number()])),
      detail: z.string(),
    }),
  ),
  paths: z.partialRecord(ServiceIdSchema, z.string()),
});
export type ConnectionReport = z.infer<typeof ConnectionReportSchema>;

export const operations = {
  'app:info': { request: NoInput, response: AppInfoSchema },
  'settings:get': { request: NoInput, response: SettingsSchema },
  'settings:update': { request: SettingsUpdateSchema, response: SettingsSchema },
  'status:get': { request: NoInput, response: StatusSchema },
  'queue:list': { request: NoInput, response: z.array(QueueRowSchema) },
  'queue:retry': { request: ItemId, response: z.boolean() },
  'queue:cancel': { request: ItemId, response: z.boolean() },
  'queue:resolve': {
    request: z.union([z.object({ id: z.uuid(), resend: z.literal(true) }).strict(), z.object({ id: z.uuid(), taskId: z.string().min(1).max(100) }).strict()]),
    response: z.boolean(),
  },
  'history:search': { request: HistoryQuerySchema, response: z.array(HistorySummarySchema) },
  'history:detail': { request: ItemId, response: HistoryDetailSchema },
  'history:image': { request: z.object({ id: z.uuid(), blobId: z.string().min(1).max(100) }).strict(), response: z.object({ contentType: z.string(), data: z.base64() }) },
  'history:evidence': { request: z.object({ id: z.uuid(), approval: ApprovalSchema.optional() }).strict(), response: z.object({ filename: z.string(), html: z.string() }) },
  /** The evidence report as a PDF for filing (main/core/history/evidence-pdf.ts); its SHA-256 goes into the audit log. */
  'history:evidence-pdf': {
    request: z.object({ id: z.uuid(), approval: ApprovalSchema.optional(), appendix: z.boolean().optional() }).strict(),
    response: z.object({ filename: z.string(), pdf: z.base64(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  },
  'history:persons': { request: NoInput, response: z.array(RegisteredPersonSchema) },
  'verification:submit': { request: SubmitRequestSchema, response: z.object({ id: z.string() }) },
  'audit:list': { request: z.object({ limit: z.number().int().min(1).max(500) }).strict(), response: z.array(AuditEntrySchema) },
  'store:unlock': { request: UnlockRequestSchema, response: z.boolean() },
  'credentials:sign-in': { request: SignInRequestSchema, response: z.boolean() },
  'credentials:sign-out': { request: NoInput, response: z.boolean() },
  'connection:test': { request: NoInput, response: ConnectionReportSchema },
  'lock:engage': { request: z.object({ reason: z.enum(['operator', 'idle', 'system']) }).strict(), response: z.boolean() },
  /** Signing in releases the lock as this account (replaces the anonymous PIN). */
  'account:sign-in': { request: SignInSchema, response: AccountSchema },
  /** First start only (no account ever created): the administrator. A station upgraded from a PIN needs that PIN too. */
  'account:create-first': { request: SignInSchema.extend({ pin: PinSchema.optional() }).strict(), response: AccountSchema },
  /** Administrators only. */
  'account:list': { request: NoInput, response: z.array(AccountSchema) },
  'account:add': { request: z.object({ name: AccountNameSchema, role: RoleSchema, secret: AccountSecretSchema }).strict(), response: AccountSchema },
  'account:update': { request: z.object({ id: z.uuid(), disabled: z.boolean().optional(), role: RoleSchema.optional(), secret: AccountSecretSchema.optional() }).strict(), response: AccountSchema },
  /** The operator's own input (keys, pointer) in a page: main's idle lock counts only this, never background reads. */
  'lock:activity': { request: NoInput, response: z.boolean() },
  /** The customer declined biometric consent: audited (service, language, version, time; never who), nothing captured. */
  'consent:declined': { request: z.object({ service: ServiceIdSchema, consent: ConsentRecordSchema }).strict(), response: z.boolean() },
} as const satisfies Record<OperationName, { request: z.ZodType; response: z.ZodType }>;

export const events = {
  'status:changed': StatusSchema,
  'settings:changed': SettingsSchema,
  'queue:changed': z.object({ counts: z.record(z.string(), z.number().int().nonnegative()) }),
  /** An upload under way: bytes sent of total (null when the size is not known yet). */
  'queue:progress': z.object({ id: z.string(), sent: z.number().int().nonnegative(), total: z.number().int().nonnegative().nullable() }),
} as const satisfies Record<EventName, z.ZodType>;

// The reverse direction of the name check: no schema may exist for a name the lists lack.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: [Exact<keyof typeof operations, OperationName>, Exact<keyof typeof events, EventName>] = [true, true];
void namesMatch;
export type RequestOf<K extends OperationName> = z.infer<(typeof operations)[K]['request']>;
export type ResponseOf<K extends OperationName> = z.infer<(typeof operations)[K]['response']>;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** Operations whose request is `undefined` can be invoked without a payload argument. */
export type InvokeArgs<K extends OperationName> = RequestOf<K> extends undefined ? [payload?: undefined] : [payload: RequestOf<K>];

/** What the renderer sees as `window.station`, whichever host it runs in. */
export interface StationApi {
  invoke<K extends OperationName>(operation: K, ...args: InvokeArgs<K>): Promise<Result<ResponseOf<K>>>;
  /** Returns a function that removes the listener. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Largest bridge message either transport accepts (the WebSocket's maxPayload; Electron IPC measures it). */
export { MAX_BRIDGE_MESSAGE_BYTES } from './payload-shape';
