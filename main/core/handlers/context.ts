import type { Capabilities } from '../../../common/contract';
import type { Result } from '../../../common/result';
import type { ApprovalAction } from '../../../common/vocabulary';
import type { Account, ManagedDirectory } from '../accounts/account-directory';
import type { ApprovalCredentials } from '../accounts/approvals';
import type { Handlers } from '../dispatcher';
import type { EventBus } from '../event-bus';
import type { History } from '../history/history';
import type { Logger } from '../logger';
import type { OperatorLock } from '../operator-lock';
import type { CredentialVault } from '../progeny/credential-vault';
import type { SwitchableProgeny } from '../progeny/progeny-service';
import type { QueueService } from '../queue/queue-service';
import type { SettingsService } from '../settings';
import type { StatusService } from '../status';
import type { AuditAction, JsonValue } from '../store/audit-log';
import type { Store } from '../store/open-store';
import type { StoreUnlocker } from '../station-core';

/**
 * What the operation handlers share, built once by createStationCore. The store, queue and history
 * are getters: they stay null until the store is unlocked. Each handler module takes only its part.
 */
export interface HandlerContext {
  dataDir: string;
  /** What the host can do for the page, as `app:info` reports it. */
  capabilities: Capabilities;
  log: Logger;
  /** Who acts now, for records and the audit log: the signed-in account's name, else the host's actor. */
  operator: () => string;
  /** The operator accounts; null while the store is locked. */
  directory: () => ManagedDirectory | null;
  /** Four-eyes (accounts/approvals.ts): the approver, null when none was needed, or the refusal. */
  approve: (action: ApprovalAction, approval: ApprovalCredentials | undefined) => Result<Account | null>;
  bus: EventBus;
  settings: SettingsService;
  status: StatusService;
  vault: CredentialVault;
  lock: OperatorLock;
  progeny: SwitchableProgeny | null;
  unlock: StoreUnlocker | undefined;
  store: () => Store | null;
  queue: () => QueueService | null;
  history: () => History | null;
  /** Appends to the audit log as this station's operator (nothing while the store is locked). */
  audit: (action: AuditAction, details?: { [key: string]: JsonValue }) => unknown;
  /** The server in use now: the launch override, else the settings' one. */
  liveServer: () => string;
  statusChanged: () => void;
  queueChanged: (counts: Record<string, number>) => void;
  applyRetention: () => void;
  /** A new server, mode or credentials: rebuild the Progeny side and let the queue move again. */
  reconnect: () => Promise<void>;
  refreshSignedIn: () => Promise<void>;
  attachStore: (opened: Store) => void;
  engageLock: (reason: 'operator' | 'idle' | 'system' | 'closed') => void;
  operatorActive: () => void;
}

/** Some of the handlers, keyed by operation: createStationCore spreads them into one `Handlers`. */
export type HandlerGroup<K extends keyof Handlers> = Pick<Handlers, K>;

export const LOCKED = 'The station data is locked: unlock it with the station passphrase (the desktop app uses the OS keychain).';

/** A write refused for lack of space: the file system's or SQLite's own word for it. */
export const isDiskFull = (error: unknown): boolean => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
};
