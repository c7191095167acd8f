import { mkdirSync } from 'node:fs';
import { ok } from '../../common/result';
import pkg from '../../package.json';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createEventBus, type EventBus } from './event-bus';
import type { Logger } from './logger';
import { openSettings, type SettingsService } from './settings';
import { createStatusService, type StatusService } from './status';

export interface StationCoreOptions {
  dataDir: string;
  log: Logger;
}

/** Everything a host needs, built once; hosts only add transport, paths and secret storage. */
export interface StationCore {
  readonly dataDir: string;
  readonly bus: EventBus;
  readonly settings: SettingsService;
  readonly status: StatusService;
  readonly dispatch: Dispatch;
  close(): Promise<void>;
}

export const APP_NAME = 'Progeny Station';
export const APP_VERSION: string = pkg.version;

export function createStationCore({ dataDir, log }: StationCoreOptions): StationCore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const bus = createEventBus();
  const settings = openSettings(dataDir, log);
  const status = createStatusService(settings);

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
    dispatch,
    close: async () => {},
  };
}
