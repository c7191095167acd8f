import { DEFAULT_SETTINGS, type Status } from '../../common/contract';
import { ok } from '../../common/result';
import type { Handlers } from '../../main/core/dispatcher';

export const stubSettings = { ...DEFAULT_SETTINGS, language: 'en' as const };
export const stubStatus: Status = {
  mode: 'training',
  signedIn: false,
  canRememberCredentials: false,
  store: 'unavailable',
  locked: false,
  accounts: null,
  operator: null,
  connectivity: 'unknown',
  queueSize: null,
  settingsRecoveredFrom: null,
};

export const stubAccount = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Admin',
  role: 'administrator' as const,
  disabled: false,
  createdAt: 0,
  createdBy: 'Admin',
  updatedAt: 0,
  updatedBy: 'Admin',
};

/** Handlers for every operation with harmless answers, for tests of the transports and the dispatcher. */
export const stubHandlers = (overrides: Partial<Handlers> = {}): Handlers => ({
  'app:info': () => ok({ name: 'n', version: '1', dataDir: '/d', capabilities: { systemNotifications: false } }),
  'settings:get': () => ok(stubSettings),
  'settings:update': ({ approval: _approval, ...patch }) => ok({ ...stubSettings, ...patch }),
  'status:get': () => ok(stubStatus),
  'queue:list': () => ok([]),
  'queue:retry': () => ok(false),
  'queue:cancel': () => ok(false),
  'queue:resolve': () => ok(false),
  'history:search': () => ok([]),
  'history:detail': () => ok(null as never),
  'history:image': () => ok({ contentType: 'image/jpeg', data: '' }),
  'history:evidence': () => ok({ filename: 'e.html', html: '' }),
  'history:evidence-pdf': () => ok({ filename: 'e.pdf', pdf: '', sha256: '0'.repeat(64) }),
  'history:persons': () => ok([]),
  'verification:submit': () => ok({ id: 'x' }),
  'audit:list': () => ok([]),
  'store:unlock': () => ok(true),
  'credentials:sign-in': () => ok(true),
  'credentials:sign-out': () => ok(true),
  'connection:test': () => ok({ server: 'https://be.progeny.tech/api/v3', passed: true, steps: [], paths: {} }),
  'lock:engage': () => ok(true),
  'lock:activity': () => ok(true),
  'consent:declined': () => ok(true),
  'account:sign-in': () => ok(stubAccount),
  'account:create-first': () => ok(stubAccount),
  'account:list': () => ok([stubAccount]),
  'account:add': () => ok(stubAccount),
  'account:update': () => ok(stubAccount),
  ...overrides,
});
