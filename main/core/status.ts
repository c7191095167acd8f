import type { Status } from '../../common/contract';
import type { ProgenyService } from './progeny/progeny-service';
import type { QueueService } from './queue/queue-service';
import type { SettingsService } from './settings';

export interface StatusService {
  get(): Status;
}

export function createStatusService(settings: SettingsService, progeny: ProgenyService | null, queue: QueueService | null): StatusService {
  return {
    get: () => ({
      // Without a Progeny service (tests of the shell alone) the station can only train.
      mode: progeny?.mode ?? 'training',
      // 'unknown' until a request has actually reached, or failed to reach, the server.
      connectivity: progeny?.connectivity ?? 'unknown',
      // Without an unlocked store there is no queue to count: "not available", never a made-up zero.
      queueSize: queue ? queue.pendingCount() : null,
      settingsRecoveredFrom: settings.recoveredFrom,
    }),
  };
}
