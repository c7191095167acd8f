import type { Status } from '../../common/contract';
import type { ProgenyService } from './progeny/progeny-service';
import type { SettingsService } from './settings';

export interface StatusService {
  get(): Status;
}

export function createStatusService(settings: SettingsService, progeny: ProgenyService | null): StatusService {
  return {
    get: () => ({
      // Without a Progeny service (tests of the shell alone) the station can only train.
      mode: progeny?.mode ?? 'training',
      // 'unknown' until a request has actually reached, or failed to reach, the server.
      connectivity: progeny?.connectivity ?? 'unknown',
      // No queue exists in this build; the UI shows "not available" rather than a made-up zero.
      queueSize: null,
      settingsRecoveredFrom: settings.recoveredFrom,
    }),
  };
}
