/**
 * A `window.station` for React tests, held to the real contract: requests and emitted events are
 * validated with the contract's schemas, so a component cannot pass with a call main would refuse.
 */
import {
  DEFAULT_SETTINGS,
  events,
  operations,
  type EventName,
  type EventPayload,
  type OperationName,
  type RequestOf,
  type ResponseOf,
  type Settings,
  type StationApi,
  type Status,
} from '../../common/contract';
import { fail, ok, type Result } from '../../common/result';

type FakeHandler<K extends OperationName> = (request: RequestOf<K>) => Result<ResponseOf<K>>;

export interface FakeStation extends StationApi {
  calls: Array<{ operation: OperationName; payload: unknown }>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  handle<K extends OperationName>(operation: K, handler: FakeHandler<K>): void;
}

export const trainingStatus: Status = {
  mode: 'training',
  signedIn: false,
  canRememberCredentials: false,
  store: 'unlocked',
  locked: false,
  accounts: 'ready',
  operator: { name: 'Ana', role: 'administrator' },
  connectivity: 'unknown',
  queueSize: 0,
  settingsRecoveredFrom: null,
};

export function createFakeStation(initial: { settings?: Settings; status?: Status } = {}): FakeStation {
  let settings: Settings = initial.settings ?? { ...DEFAULT_SETTINGS, language: 'en' };
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const handlers: { [K in OperationName]?: FakeHandler<K> } = {
    'app:info': () => ok({ name: 'Progeny Station', version: '9.9.9', dataDir: '/data/station', capabilities: { systemNotifications: false } }),
    'settings:get': () => ok(settings),
    'settings:update': (patch) => {
      settings = { ...settings, ...patch };
      return ok(settings);
    },
    'status:get': () => ok(initial.status ?? trainingStatus),
    'queue:list': () => ok([]),
    // The signed-in administrator's Settings → Operators reads the accounts.
    'account:list': () => ok([]),
  };
  const fake: FakeStation = {
    calls: [],
    invoke(operation, ...args) {
      const payload = args[0];
      fake.calls.push({ operation, payload });
      const checked = operations[operation].request.safeParse(payload);
      if (!checked.success) throw new Error(`renderer sent an invalid ${operation} request: ${checked.error.message}`);
      const handler = handlers[operation];
      return Promise.resolve(handler ? handler(checked.data as never) : fail('internal', `no fake handler for ${operation}`));
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    emit(event, payload) {
      const checked = events[event].parse(payload);
      for (const listener of listeners.get(event) ?? []) listener(checked as never);
    },
    handle(operation, handler) {
      (handlers as Record<string, unknown>)[operation] = handler;
    },
  };
  return fake;
}
