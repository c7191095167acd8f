import type { Status } from '../../common/contract';
import type { AuditForwardStatus, Health, PolicyStatus } from '../../common/fleet-status';
import type { OperatorLock } from './operator-lock';
import type { ProgenyService } from './progeny/progeny-service';
import type { QueueService } from './queue/queue-service';
import type { SettingsService } from './settings';
import type { StoreIntegrity } from './store/integrity';

export interface StatusService {
  get(): Status;
}

export interface StatusSources {
  settings: SettingsService;
  progeny: ProgenyService | null;
  queue: () => QueueService | null;
  signedIn: () => boolean;
  canRememberCredentials: boolean;
  store: () => Status['store'];
  lock: OperatorLock;
  /** The operator accounts' state; null while the store is locked. */
  accounts?: () => Status['accounts'];
  /** What the open store's integrity check found; null while no store is open. */
  integrity?: () => StoreIntegrity | null;
  /** The managed policy and the audit forwarding (main/core/policy/, main/core/audit-forward/). */
  policy?: () => PolicyStatus;
  auditForward?: () => AuditForwardStatus | null;
  health?: () => Health | null;
}

/** The status form of a store's integrity check: what the operator must be told, nothing more. */
export function integrityStatus(integrity: StoreIntegrity | null): NonNullable<Status['integrity']> | null {
  if (!integrity) return null;
  const { audit, tamperedRecords } = integrity;
  return { audit: audit.ok ? 'ok' : 'broken', brokenAtSeq: audit.ok ? null : audit.firstBadSeq, tamperedRecords };
}

export function createStatusService(sources: StatusSources): StatusService {
  return {
    get: () => {
      const queue = sources.queue();
      return {
        // Without a Progeny service (tests of the shell alone) the station can only train.
        mode: sources.progeny?.mode ?? 'training',
        signedIn: sources.signedIn(),
        canRememberCredentials: sources.canRememberCredentials,
        store: sources.store(),
        locked: sources.lock.locked,
        accounts: sources.accounts?.() ?? null,
        operator: sources.lock.session ? { name: sources.lock.session.name, role: sources.lock.session.role } : null,
        // 'unknown' until a request has actually reached, or failed to reach, the server.
        connectivity: sources.progeny?.connectivity ?? 'unknown',
        // Without an unlocked store there is no queue to count: "not available", never a made-up zero.
        queueSize: queue ? queue.pendingCount() : null,
        settingsRecoveredFrom: sources.settings.recoveredFrom,
        integrity: integrityStatus(sources.integrity?.() ?? null),
        ...(sources.policy ? { policy: sources.policy() } : {}),
        ...(sources.auditForward ? { auditForward: sources.auditForward() } : {}),
        ...(sources.health ? { health: sources.health() } : {}),
      };
    },
  };
}
