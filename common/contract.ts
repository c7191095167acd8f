/**
 * The bridge contract: every request/response operation and every main→renderer event, once.
 * Main validates requests with these schemas, both transports use the names, and the renderer's
 * `window.station` is typed from here. Nothing in this file may import Node, DOM or Electron.
 */
import { z } from 'zod';
import { LANGUAGES, type EventName, type OperationName } from './contract-names';
import type { Result } from './result';

export * from './contract-names';

export const LanguageSchema = z.enum(LANGUAGES);

export const SettingsSchema = z.object({
  /** 'system' follows the operating system's language when we have it, else English. */
  language: z.union([LanguageSchema, z.literal('system')]),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = SettingsSchema.partial().strict();

export const StatusSchema = z.object({
  mode: z.enum(['training', 'live']),
  /** 'unknown' until something has actually tried to reach the verification server. */
  connectivity: z.enum(['unknown', 'online', 'offline']),
  /** null while this station has no queue to report on. */
  queueSize: z.number().int().nonnegative().nullable(),
  /** Set when the settings file could not be read and was set aside (its new name). */
  settingsRecoveredFrom: z.string().nullable(),
});
export type Status = z.infer<typeof StatusSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

const NoInput = z.undefined();

export const QueueRowSchema = z.object({
  id: z.string(),
  service: z.string(),
  mode: z.enum(['training', 'live']),
  state: z.string(),
  attempts: z.number().int().nonnegative(),
  createdAt: z.number(),
  updatedAt: z.number(),
  nextAttemptAt: z.number().nullable(),
  verdict: z.string().nullable(),
  attentionReason: z.string().nullable(),
  errorKind: z.string().nullable(),
  errorMessage: z.string().nullable(),
  taskId: z.string().nullable(),
});
export type QueueRow = z.infer<typeof QueueRowSchema>;
const ItemId = z.object({ id: z.uuid() }).strict();

export const HistoryQuerySchema = z
  .object({
    text: z.string().max(200).optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
    services: z.array(z.enum(['face_liveness', 'register_face', 'authenticate_face', 'ocr_card', 'ocr_passport', 'kyc_card', 'kyc_passport', 'background_check'])).max(8).optional(),
    outcomes: z.array(z.enum(['verified', 'not-verified', 'needs-review'])).max(3).optional(),
    mode: z.enum(['training', 'live']).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().nonnegative().optional(),
  })
  .strict();

export const HistorySummarySchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  service: z.string(),
  mode: z.enum(['training', 'live']),
  state: z.string(),
  verdict: z.string().nullable(),
  operator: z.string().nullable(),
  subject: z.object({ name: z.string().nullable(), documentNumber: z.string().nullable(), dateOfBirth: z.string().nullable() }),
  unreadable: z.boolean(),
});

export const operations = {
  'app:info': { request: NoInput, response: AppInfoSchema },
  'settings:get': { request: NoInput, response: SettingsSchema },
  'settings:update': { request: SettingsPatchSchema, response: SettingsSchema },
  'status:get': { request: NoInput, response: StatusSchema },
  'queue:list': { request: NoInput, response: z.array(QueueRowSchema) },
  'queue:retry': { request: ItemId, response: z.boolean() },
  'queue:cancel': { request: ItemId, response: z.boolean() },
  'queue:resolve': {
    request: z.union([z.object({ id: z.uuid(), resend: z.literal(true) }).strict(), z.object({ id: z.uuid(), taskId: z.string().min(1).max(100) }).strict()]),
    response: z.boolean(),
  },
  'history:search': { request: HistoryQuerySchema, response: z.array(HistorySummarySchema) },
} as const satisfies Record<OperationName, { request: z.ZodType; response: z.ZodType }>;

export const events = {
  'status:changed': StatusSchema,
  'settings:changed': SettingsSchema,
  'queue:changed': z.object({ counts: z.record(z.string(), z.number().int().nonnegative()) }),
} as const satisfies Record<EventName, z.ZodType>;

// The reverse direction of the name check: no schema may exist for a name the lists lack.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: [Exact<keyof typeof operations, OperationName>, Exact<keyof typeof events, EventName>] = [true, true];
void namesMatch;
export type RequestOf<K extends OperationName> = z.infer<(typeof operations)[K]['request']>;
export type ResponseOf<K extends OperationName> = z.infer<(typeof operations)[K]['response']>;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** Operations whose request is `undefined` can be invoked without a payload argument. */
type InvokeArgs<K extends OperationName> = RequestOf<K> extends undefined ? [payload?: undefined] : [payload: RequestOf<K>];

/** What the renderer sees as `window.station`, whichever host it runs in. */
export interface StationApi {
  invoke<K extends OperationName>(operation: K, ...args: InvokeArgs<K>): Promise<Result<ResponseOf<K>>>;
  /** Returns a function that removes the listener. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/**
 * Largest bridge message either transport accepts. Generous enough for a 4096 px PNG that the
 * pre-check still has to reject, small enough that a hostile page cannot exhaust main's memory.
 */
export const MAX_BRIDGE_MESSAGE_BYTES = 32 * 1024 * 1024;
