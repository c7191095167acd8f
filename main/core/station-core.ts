import { mkdirSync } from 'node:fs';
import { ok } from '../../common/result';
import pkg from '../../package.json';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createEventBus, type EventBus } from './event-bus';
import type { Logger } from './logger';
import { createProgenyService, type ProgenyConfig, type ProgenyService, type TrainingServer } from './progeny/progeny-service';
import { openSettings, type SettingsService } from './settings';
import { createStatusService, type StatusService } from './status';

export interface StationCoreOptions {
  dataDir: string;
  log: Logger;
  /** Where verifications go: live Progeny, or the training sandbox the host knows how to start. */
  progeny?: { config: ProgenyConfig; startTraining: () => Promise<TrainingServer> };
}

/** Everything a host needs, built once; hosts only add transport, paths and secret storage. */
export interface StationCore {
  readonly dataDir: string;
  readonly bus: EventBus;
  readonly settings: SettingsService;
  readonly status: StatusService;
  readonly progeny: ProgenyService | null;
  readonly dispatch: Dispatch;
  close(): Promise<void>;
}

export const APP_NAME = 'Progeny Station';
export const APP_VERSION: string = pkg.version;

export function createStationCore({ dataDir, log, progeny: progenyOptions }: StationCoreOptions): StationCore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const bus = createEventBus();
  const settings = openSettings(dataDir, log);
  // onChange only fires once the service is running, after `status` below exists.
  const progeny = progenyOptions ? createProgenyService({ ...progenyOptions, log, onChange: () => bus.emit('status:changed', status.get()) }) : null;
  const status = createStatusService(settings, progeny);

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
    },
    log,
  );

  return {
    dataDir,
    bus,
    settings,
    status,
    progeny,
    dispatch,
    close: async () => {
      await progeny?.close();
    },
  };
}
