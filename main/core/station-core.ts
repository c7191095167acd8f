import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Capabilities } from '../../common/contract';
import { fail } from '../../common/result';
import { serverOrigin } from '../../common/server-address';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createEventBus, type EventBus } from './event-bus';
import { openHistory, type History } from './history/history';
import { purge } from './history/retention';
import type { Logger } from './logger';
import { createCredentialVault, type CredentialVault } from './progeny/credential-vault';
import { createSwitchableProgeny, type ProgenyConfig, type SwitchableProgeny, type TrainingServer } from './progeny/progeny-service';
import { openPathMemoryFile, SERVICE_PATHS_FILE } from './progeny/service-paths';
import { startQueueService, type QueueService } from './queue/queue-service';
import { openSettings, type SettingsService } from './settings';
import { setupFleet } from './policy/fleet';
import type { LoadedPolicy } from './policy/policy-file';
import type { Store } from './store/open-store';
import { createOperatorLock, type OperatorLock } from './operator-lock';
import type { Account, ManagedDirectory } from './accounts/account-directory';
import { checkApproval, type ApprovalCredentials } from './accounts/approvals';
import { openLocalDirectory } from './accounts/local-directory';
import { accountHandlers } from './handlers/accounts';
import type { ApprovalAction } from '../../common/vocabulary';
import { createStatusService, type StatusService } from './status';
import { throttle } from './throttle';
import { progressEvents } from './upload-progress';
import { watchIdle } from './idle-watch';
import { appHandlers } from './handlers/app';
import { auditHandlers } from './handlers/audit';
import type { HandlerContext } from './handlers/context';
import { credentialsHandlers } from './handlers/credentials';
import { historyHandlers } from './handlers/history';
import { consentHandlers } from './handlers/consent';
import { lockHandlers } from './handlers/lock';
import { queueHandlers } from './handlers/queue';
import { settingsHandlers } from './handlers/settings';
import { verificationHandlers } from './handlers/verification';

export interface StoreUnlocker {
  /** True when this data folder has no key yet: the first passphrase creates it. */
  isNew(): boolean;
  open(passphrase: string): Promise<Store>;
}

export interface StationCoreOptions {
  dataDir: string;
  log: Logger;
  /** How to reach Progeny: the training sandbox the host can start, and where live credentials live. */
  progeny?: {
    startTraining: () => Promise<TrainingServer>;
    vault?: CredentialVault;
    /** --server / PROGENY_BASE_URL: replaces the settings' server URL for this launch. */
    serverOverride?: string;
  };
  /** The encrypted data store, when the host could unlock it; without it queue and history are locked. */
  store?: Store;
  /** Lets the operator unlock the store from the UI (web station started without a key). */
  unlock?: StoreUnlocker;
  /** Who acts when no account is signed in (the host's own calls, e.g. `cli:<os user>`); records made from the page name the signed-in account. */
  operator?: string;
  /** The organisation's managed policy; by default read from its per-OS place or STATION_POLICY (policy-file.ts). */
  policy?: LoadedPolicy;
  /** What this host can do for the page (`app:info`); by default none of the optional things. */
  capabilities?: Capabilities;
  /** Verifications in flight at once (`station run --concurrency`); the drainer's default otherwise. */
  queue?: { concurrency?: number };
}

/** Everything a host needs, built once; hosts only add transport, paths and secret storage. */
export interface StationCore {
  readonly dataDir: string;
  readonly bus: EventBus;
  readonly settings: SettingsService;
  readonly status: StatusService;
  readonly progeny: SwitchableProgeny | null;
  /** Null while the store is locked. */
  readonly queue: QueueService | null;
  readonly store: Store | null;
  readonly lock: OperatorLock;
  readonly dispatch: Dispatch;
  /** The host's own calls (command-line options at launch), never a page's: not held by the operator lock. */
  readonly dispatchAsHost: Dispatch;
  /** The host saw its last window or page close: with a PIN set, the lock engages (reopening needs the PIN). */
  lastViewClosed(): void;
  close(): Promise<void>;
}

export { APP_NAME, APP_VERSION } from './handlers/app';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Queue and status events go out at once, then at most every this often during a burst. */
const EVENT_INTERVAL_MS = 200;
/** Queue events make every open page read the queue again: a slower pace under a burst. */
const QUEUE_EVENT_INTERVAL_MS = 500;
const OPERATOR_LOCKED = 'The station is locked: unlock it to continue.';
/**
 * What a locked station still answers: enough to draw the lock screen and release it. The store's
 * passphrase too: a PIN can only be checked once the data key is open, and opening it shows nothing.
 */
const ALLOWED_WHILE_LOCKED = new Set<unknown>(['app:info', 'status:get', 'settings:get', 'store:unlock', 'lock:engage', 'account:sign-in', 'account:create-first']);

export function createStationCore({
  dataDir,
  log,
  progeny: progenyOptions,
  store: initialStore,
  unlock,
  operator = 'operator',
  capabilities = { systemNotifications: false },
  queue: queueOptions = {},
  policy,
}: StationCoreOptions): StationCore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const bus = createEventBus();
  // The managed policy wins over the saved settings; it also forwards the audit log to the SIEM.
  const fleet = setupFleet({ log, policy });
  const settings = fleet.settings(openSettings(dataDir, log));
  const serverOverride = fleet.serverOverride(progenyOptions?.serverOverride);
  const vault = progenyOptions?.vault ?? createCredentialVault();
  let signedIn = false;
  // The onChange callbacks only fire asynchronously, once `status` below exists.
  // Throttled: a drain moving hundreds of items must not push hundreds of events to every window.
  // After close the store is gone: a late trailing event must not read it.
  let closing = false;
  const statusChanged = throttle(() => {
    if (!closing) bus.emit('status:changed', status.get());
  }, EVENT_INTERVAL_MS);
  const liveServer = (): string => serverOverride ?? settings.get().serverUrl;
  // Credentials go only to the server they were entered for (credential-vault.ts).
  const progenyConfig = (): ProgenyConfig => ({ mode: settings.get().mode, baseUrl: liveServer(), credentials: vault.forServer(serverOrigin(liveServer())) });
  const progeny = progenyOptions
    ? createSwitchableProgeny({ config: progenyConfig(), startTraining: progenyOptions.startTraining, log, onChange: statusChanged, paths: openPathMemoryFile(join(dataDir, SERVICE_PATHS_FILE), log) })
    : null;
  const emitQueueChanged = throttle(() => {
    if (closing) return;
    if (queue) bus.emit('queue:changed', { counts: queue.queue.counts() });
    statusChanged();
  }, QUEUE_EVENT_INTERVAL_MS);
  const queueChanged = (_counts: Record<string, number>) => emitQueueChanged();

  const uploadProgress = progressEvents((progress) => bus.emit('queue:progress', progress));

  let store: Store | null = null;
  let queue: QueueService | null = null;
  let history: History | null = null;
  /** The operator accounts, sealed in the store: readable once the data key is open. */
  let directory: ManagedDirectory | null = null;
  let retentionTimer: NodeJS.Timeout | null = null;
  const applyRetention = () => {
    if (!store) return;
    const { retention } = settings.get();
    try {
      const report = purge(store, { imagesAfterDays: retention.imagesDays, recordsAfterDays: retention.recordsDays, actor: 'retention' });
      log.info('retention applied', { records: report.recordsDeleted, images: report.imagesDeleted });
    } catch (error) {
      log.error('retention failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const attachStore = (opened: Store) => {
    store = opened;
    // In the background: the operator can work while it runs; the status (and the page's banner) says what it found.
    opened.checkIntegrity().then(
      ({ audit: auditCheck, tamperedRecords }) => {
        if (closing) return;
        if (!auditCheck.ok || tamperedRecords > 0)
          log.warn('store integrity check failed', { audit: auditCheck.ok ? 'ok' : `broken at seq ${auditCheck.firstBadSeq} (${auditCheck.reason})`, tamperedRecords });
        statusChanged();
      },
      (error: unknown) => {
        // Closing the store under a running check ends it; anything else is a real failure.
        if (!closing) log.error('store integrity check could not run', { error: error instanceof Error ? error.message : String(error) });
      },
    );
    history = openHistory(opened);
    directory = openLocalDirectory(opened);
    if (progeny) queue = startQueueService({ ...queueOptions, store: opened, progeny, log, onChange: queueChanged, onUploadProgress: uploadProgress });
    applyRetention();
    retentionTimer = setInterval(applyRetention, DAY_MS);
    retentionTimer.unref();
    fleet.attachStore(opened);
  };
  if (initialStore) attachStore(initialStore);

  // A station with a PIN starts locked (createOperatorLock), whatever opened its store.
  // Nobody is signed in at start, whatever opened the store: a restart signs nobody in.
  const lock = createOperatorLock({ onChange: () => statusChanged() });
  /** Who acts now: the signed-in account, else the host's own actor. */
  const actor = (): string => lock.session?.name ?? operator;
  const status = createStatusService({
    lock,
    settings,
    progeny,
    queue: () => queue,
    signedIn: () => signedIn,
    canRememberCredentials: vault.canRemember,
    store: () => (store ? 'unlocked' : unlock ? (unlock.isNew() ? 'new' : 'locked') : 'unavailable'),
    integrity: () => store?.integrity ?? null,
    policy: fleet.policyStatus,
    auditForward: fleet.auditForwardStatus,
    health: fleet.health,
    accounts: () => directory?.state() ?? null,
  });
  const refreshSignedIn = async () => {
    signedIn = await vault.has(serverOrigin(liveServer()));
    statusChanged();
  };
  void refreshSignedIn();

  const audit = (action: Parameters<Store['audit']['append']>[0]['action'], details: Parameters<Store['audit']['append']>[0]['details'] = {}) =>
    store?.audit.append({ actor: actor(), action, details });
  /** A new server, mode or credentials: rebuild the Progeny side and let the queue move again. */
  const reconnect = async () => {
    await progeny?.switchTo(progenyConfig());
    queue?.drainer.resume();
    queue?.wake();
    void progeny?.probe();
  };

  const engageLock = (reason: 'operator' | 'idle' | 'system' | 'closed') => {
    if (!lock.locked) audit('lock', { reason });
    lock.engage();
  };

  const idle = watchIdle({ minutes: () => settings.get().idleLockMinutes, locked: () => lock.locked, closing: () => closing, onIdle: () => engageLock('idle') });
  const stopIdleWatch = bus.on('settings:changed', () => idle.rearm());

  /** Four-eyes for the signed-in operator (accounts/approvals.ts); the host's own calls need none. */
  const approve = (action: ApprovalAction, approval: ApprovalCredentials | undefined) => {
    const session: Account | null = lock.session;
    if (!session || !directory) return { ok: true as const, value: null };
    return checkApproval({
      directory,
      required: settings.get().approvals,
      operator: session,
      action,
      approval,
      onRefused: (approver, refusal) => audit('approval-refused', { action, approver, refusal: refusal.reason }),
    });
  };

  const context: HandlerContext = {
    dataDir,
    capabilities,
    log,
    operator: actor,
    directory: () => directory,
    approve,
    bus,
    settings,
    status,
    vault,
    lock,
    progeny,
    unlock,
    store: () => store,
    queue: () => queue,
    history: () => history,
    audit,
    liveServer,
    statusChanged,
    queueChanged,
    applyRetention,
    reconnect,
    refreshSignedIn,
    attachStore,
    engageLock,
    operatorActive: idle.active,
  };
  const dispatchUnlocked = createDispatcher(
    {
      ...appHandlers(context),
      ...settingsHandlers(context),
      ...queueHandlers(context),
      ...historyHandlers(context),
      ...verificationHandlers(context),
      ...auditHandlers(context),
      ...credentialsHandlers(context),
      ...lockHandlers(context),
      ...consentHandlers(context),
      ...accountHandlers(context),
    },
    log,
  );
  // While the operator lock is on, nothing that could show a face, a name or a document leaves main.
  const dispatch: Dispatch = (operation, payload) =>
    lock.locked && !ALLOWED_WHILE_LOCKED.has(operation) ? Promise.resolve(fail('station-locked', OPERATOR_LOCKED)) : (fleet.gate(operation, payload) ?? dispatchUnlocked(operation, payload));

  return {
    dataDir,
    bus,
    settings,
    status,
    progeny,
    get queue() {
      return queue;
    },
    get store() {
      return store;
    },
    lock,
    dispatch,
    // The policy binds the host's own calls too (`station web --mode live` on a training-only desk).
    dispatchAsHost: (operation, payload) => fleet.gate(operation, payload) ?? dispatchUnlocked(operation, payload),
    lastViewClosed: () => {
      // The last page closed ends the session: reopening it from the browser's history meets "Who is working?".
      if (!closing) engageLock('closed');
    },
    close: async () => {
      closing = true;
      statusChanged.cancel();
      emitQueueChanged.cancel();
      if (retentionTimer) clearInterval(retentionTimer);
      idle.stop();
      stopIdleWatch();
      // The queue first: a send in flight records Progeny's answer before the store closes under it.
      await queue?.close();
      await progeny?.close();
      await fleet.close();
      store?.close();
    },
  };
}
