import { mkdirSync } from 'node:fs';
import { fail, ok } from '../../common/result';
import pkg from '../../package.json';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createEventBus, type EventBus } from './event-bus';
import type { Logger } from './logger';
import { createProgenyService, type ProgenyConfig, type ProgenyService, type TrainingServer } from './progeny/progeny-service';
import { openHistory } from './history/history';
import { startQueueService, type QueueService } from './queue/queue-service';
import { openSettings, type SettingsService } from './settings';
import type { Store } from './store/open-store';
import { createStatusService, type StatusService } from './status';

export interface StationCoreOptions {
  dataDir: string;
  log: Logger;
  /** Where verifications go: live Progeny, or the training sandbox the host knows how to start. */
  progeny?: { config: ProgenyConfig; startTraining: () => Promise<TrainingServer> };
  /** The encrypted data store, when the host could unlock it; without it queue and history are locked. */
  store?: Store;
}

/** Everything a host needs, built once; hosts only add transport, paths and secret storage. */
export interface StationCore {
  readonly dataDir: string;
  readonly bus: EventBus;
  readonly settings: SettingsService;
  readonly status: StatusService;
  readonly progeny: ProgenyService | null;
  readonly queue: QueueService | null;
  readonly dispatch: Dispatch;
  close(): Promise<void>;
}

export const APP_NAME = 'Progeny Station';
export const APP_VERSION: string = pkg.version;

const LOCKED = 'The station data is locked: start the station with its key (STATION_PASSPHRASE or --key-file; the desktop app uses the OS keychain).';

export function createStationCore({ dataDir, log, progeny: progenyOptions, store }: StationCoreOptions): StationCore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const bus = createEventBus();
  const settings = openSettings(dataDir, log);
  // The onChange callbacks only fire asynchronously, once `status` below exists.
  const statusChanged = () => bus.emit('status:changed', status.get());
  const progeny = progenyOptions ? createProgenyService({ ...progenyOptions, log, onChange: statusChanged }) : null;
  const queueChanged = (counts: Record<string, number>) => {
    bus.emit('queue:changed', { counts });
    statusChanged();
  };
  const queue = store && progeny ? startQueueService({ store, progeny, log, onChange: queueChanged }) : null;
  const status = createStatusService(settings, progeny, queue);
  const history = store ? openHistory(store) : null;

  const dispatch = createDispatcher(
    {
      'app:info': () => ok({ name: APP_NAME, version: APP_VERSION, dataDir }),
      'settings:get': () => ok(settings.get()),
      'settings:update': (patch) => {
        const next = settings.update(patch);
        bus.emit('settings:changed', next);
        return ok(next);
      },
      'status:get': () => ok(status.get()),
      'queue:list': () => (queue ? ok(queue.list()) : fail('store-locked', LOCKED)),
      'queue:retry': ({ id }) => (queue ? ok(queue.queue.retryNow(id)) : fail('store-locked', LOCKED)),
      'queue:cancel': ({ id }) => (queue ? ok(queue.queue.cancel(id, 'operator')) : fail('store-locked', LOCKED)),
      'history:search': (query) => (history ? ok(history.search(query)) : fail('store-locked', LOCKED)),
      'queue:resolve': (request) => (queue ? ok(queue.queue.resolve(request.id, 'taskId' in request ? { taskId: request.taskId } : { resend: true }, 'operator')) : fail('store-locked', LOCKED)),
    },
    log,
  );

  return {
    dataDir,
    bus,
    settings,
    status,
    progeny,
    queue,
    dispatch,
    close: async () => {
      queue?.close();
      await progeny?.close();
      store?.close();
    },
  };
}
