import type { Status } from '../../common/contract';
import type { SettingsService } from './settings';

export interface StatusService {
  get(): Status;
}

export function createStatusService(settings: SettingsService): StatusService {
  return {
    get: () => ({
      // Live mode needs a configured Progeny account; until the station has one it can only train.
      mode: 'training',
      // Nothing has tried to reach a verification server yet, so nothing is claimed either way.
      connectivity: 'unknown',
      // No queue exists in this build; the UI shows "not available" rather than a made-up zero.
      queueSize: null,
      settingsRecoveredFrom: settings.recoveredFrom,
    }),
  };
}
