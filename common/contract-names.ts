/**
 * The bridge's operation and event names, free of schema code so that the preloads and the
 * renderer can check names without bundling the validator. `contract.ts` attaches a schema to
 * each name, and the typechecker fails if the two ever disagree.
 */
export const OPERATION_NAMES = [
  'app:info',
  'settings:get',
  'settings:update',
  'status:get',
  'queue:list',
  'queue:retry',
  'queue:cancel',
  'queue:resolve',
  'history:search',
  'history:detail',
  'history:image',
  'history:evidence',
  'history:evidence-pdf',
  'history:persons',
  'verification:submit',
  'consent:declined',
  'audit:list',
  'store:unlock',
  'credentials:sign-in',
  'credentials:sign-out',
  'connection:test',
  'lock:engage',
  'lock:activity',
  'account:sign-in',
  'account:create-first',
  'account:list',
  'account:add',
  'account:update',
] as const;
export const EVENT_NAMES = ['status:changed', 'settings:changed', 'queue:changed', 'queue:progress'] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

export const isOperationName = (name: unknown): name is OperationName => typeof name === 'string' && (OPERATION_NAMES as readonly string[]).includes(name);
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);

export const LANGUAGES = ['en', 'fr', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** Operator PIN: digits only, so it can be typed on any keyboard layout and a numeric pad. */
export const PIN_PATTERN = /^\d{4,12}$/;
