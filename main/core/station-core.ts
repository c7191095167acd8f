import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsPatch } from '../../common/contract';
import { fail, ok } from '../../common/result';
import { serverOrigin } from '../../common/server-address';
import pkg from '../../package.json';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createEventBus, type EventBus } from './event-bus';
import { exportEvidence } from './history/evidence-report';
import { openHistory, type History } from './history/history';
import { purge } from './history/retention';
import type { Logger } from './logger';
import { CredentialStorageError, createCredentialVault, type CredentialVault } from './progeny/credential-vault';
import { createSwitchableProgeny, type ProgenyConfig, type SwitchableProgeny, type TrainingServer } from './progeny/progeny-service';
import { runDoctor } from './progeny/doctor';
import { openPathMemoryFile, SERVICE_PATHS_FILE } from './progeny/service-paths';
import { startQueueService, type QueueService } from './queue/queue-service';
import { openSettings, type SettingsService } from './settings';
import type { Store } from './store/open-store';
import { createOperatorLock, type OperatorLock, type ReleaseOutcome } from './operator-lock';
import { createStatusService, type StatusService } from './status';
import { throttle } from './throttle';
import { prepareSubmission, registeredPersons } from './verification-intake';

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
  /** Who works at this station, for the audit log (the OS user name). */
  operator?: string;
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

export const APP_NAME = 'Progeny Station';
export const APP_VERSION: string = pkg.version;

const LOCKED = 'The station data is locked: unlock it with the station passphrase (the desktop app uses the OS keychain).';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Queue and status events go out at once, then at most every this often during a burst. */
const EVENT_INTERVAL_MS = 200;
/** Queue events make every open page read the queue again: a slower pace under a burst. */
const QUEUE_EVENT_INTERVAL_MS = 500;
const OPERATOR_LOCKED = 'The station is locked: unlock it to continue.';
/** A write refused for lack of space: the file system's or SQLite's own word for it. */
const isDiskFull = (error: unknown): boolean => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
};
/**
 * What a locked station still answers: enough to draw the lock screen and release it. The store's
 * passphrase too: a PIN can only be checked once the data key is open, and opening it shows nothing.
 */
const ALLOWED_WHILE_LOCKED = new Set<unknown>(['app:info', 'status:get', 'settings:get', 'store:unlock', 'lock:engage', 'lock:release']);
const PIN_STORE_LOCKED = 'Unlock the station data with its passphrase first; then enter the operator PIN.';

export function createStationCore({ dataDir, log, progeny: progenyOptions, store: initialStore, unlock, operator = 'operator' }: StationCoreOptions): StationCore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const bus = createEventBus();
  const settings = openSettings(dataDir, log);
  const vault = progenyOptions?.vault ?? createCredentialVault();
  let signedIn = false;
  // The onChange callbacks only fire asynchronously, once `status` below exists.
  // Throttled: a drain moving hundreds of items must not push hundreds of events to every window.
  // After close the store is gone: a late trailing event must not read it.
  let closing = false;
  const statusChanged = throttle(() => {
    if (!closing) bus.emit('status:changed', status.get());
  }, EVENT_INTERVAL_MS);
  const liveServer = (): string => progenyOptions?.serverOverride ?? settings.get().serverUrl;
  // Credentials go only to the server they were entered for (credential-vault.ts).
  const progenyConfig = (): ProgenyConfig => ({ mode: settings.get().mode, baseUrl: liveServer(), credentials: vault.forServer(serverOrigin(liveServer())) });
  const progeny = progenyOptions ? createSwitchableProgeny({ config: progenyConfig(), startTraining: progenyOptions.startTraining, log, onChange: statusChanged, paths: openPathMemoryFile(join(dataDir, SERVICE_PATHS_FILE), log) }) : null;
  const emitQueueChanged = throttle(() => {
    if (closing) return;
    if (queue) bus.emit('queue:changed', { counts: queue.queue.counts() });
    statusChanged();
  }, QUEUE_EVENT_INTERVAL_MS);
  const queueChanged = (_counts: Record<string, number>) => emitQueueChanged();

  // At most ~10 progress events a second per upload, plus the last one: enough for a smooth bar.
  const lastProgress = new Map<string, number>();
  const uploadProgress = (id: string, sent: number, total: number | null) => {
    const now = Date.now();
    const done = total !== null && sent >= total;
    if (!done && now - (lastProgress.get(id) ?? 0) < 100) return;
    if (done) lastProgress.delete(id);
    else lastProgress.set(id, now);
    bus.emit('queue:progress', { id, sent, total });
  };

  let store: Store | null = null;
  let queue: QueueService | null = null;
  let history: History | null = null;
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
        if (!auditCheck.ok || tamperedRecords > 0) log.warn('store integrity check failed', { audit: auditCheck.ok ? 'ok' : `broken at seq ${auditCheck.firstBadSeq} (${auditCheck.reason})`, tamperedRecords });
        statusChanged();
      },
      (error: unknown) => {
        // Closing the store under a running check ends it; anything else is a real failure.
        if (!closing) log.error('store integrity check could not run', { error: error instanceof Error ? error.message : String(error) });
      },
    );
    history = openHistory(opened);
    if (progeny) queue = startQueueService({ store: opened, progeny, log, onChange: queueChanged, onUploadProgress: uploadProgress });
    applyRetention();
    retentionTimer = setInterval(applyRetention, DAY_MS);
    retentionTimer.unref();
  };
  if (initialStore) attachStore(initialStore);

  // A station with a PIN starts locked (createOperatorLock), whatever opened its store.
  const lock = createOperatorLock({ dataDir, onChange: () => statusChanged() });
  const status = createStatusService({
    lock,
    settings,
    progeny,
    queue: () => queue,
    signedIn: () => signedIn,
    canRememberCredentials: vault.canRemember,
    store: () => (store ? 'unlocked' : unlock ? (unlock.isNew() ? 'new' : 'locked') : 'unavailable'),
    integrity: () => store?.integrity ?? null,
  });
  const refreshSignedIn = async () => {
    signedIn = await vault.has(serverOrigin(liveServer()));
    statusChanged();
  };
  void refreshSignedIn();

  /** Every window and the status bar hear about an operator's queue action, and the drain starts now. */
  const afterQueueAction = (open: QueueService, changed: boolean): boolean => {
    if (changed) {
      queueChanged(open.queue.counts());
      open.wake();
    }
    return changed;
  };
  const audit = (action: Parameters<Store['audit']['append']>[0]['action'], details: Parameters<Store['audit']['append']>[0]['details'] = {}) => store?.audit.append({ actor: operator, action, details });
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
  /** The lock refuses a PIN check: every refusal is audited, a wait included (no PIN was checked then). */
  const pinRefused = (operation: 'lock:release' | 'lock:set-pin' | 'lock:clear-pin', outcome: Exclude<ReleaseOutcome, { ok: true }>, wrongMessage: string) => {
    if (outcome.reason === 'pin-required') return fail('pin-refused', operation === 'lock:release' ? 'Enter the operator PIN to unlock.' : 'Enter the current operator PIN.');
    if (outcome.reason === 'store-locked') return fail('store-locked', PIN_STORE_LOCKED);
    audit('unlock-failed', { operation, refusal: outcome.reason, failures: outcome.failures });
    const seconds = Math.ceil(outcome.retryAfterMs / 1000);
    return fail('pin-refused', outcome.retryAfterMs > 0 ? `Wrong PIN too many times: try again in ${seconds} s.` : wrongMessage, { retryAfterMs: String(outcome.retryAfterMs) });
  };

  // The idle lock is main's: only the operator's own input (`lock:activity`, which pages send on keys
  // and clicks) counts, never a page's background reads, so a page left open, or closed and reopened
  // from the browser's history, cannot keep the station unlocked.
  let lastActivity = Date.now();
  let idleTimer: NodeJS.Timeout | null = null;
  const armIdleLock = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const minutes = settings.get().idleLockMinutes;
    if (closing || lock.locked || minutes <= 0) return;
    const left = lastActivity + minutes * 60_000 - Date.now();
    if (left <= 0) return engageLock('idle');
    idleTimer = setTimeout(armIdleLock, left);
    idleTimer.unref();
  };
  const operatorActive = () => {
    lastActivity = Date.now();
    if (!idleTimer) armIdleLock();
  };
  const stopIdleWatch = bus.on('settings:changed', () => armIdleLock());
  armIdleLock();

  const dispatchUnlocked = createDispatcher(
    {
      'app:info': () => ok({ name: APP_NAME, version: APP_VERSION, dataDir }),
      'settings:get': () => ok(settings.get()),
      'settings:update': async (patch: SettingsPatch) => {
        const before = settings.get();
        let next: ReturnType<SettingsService['update']>;
        try {
          next = settings.update(patch);
        } catch (error) {
          if (!isDiskFull(error)) throw error;
          log.error('settings not saved: disk full', { dataDir });
          return fail('storage-full', `The disk holding the station data (${dataDir}) is full: the settings were not saved. Free some space, then save them again.`);
        }
        const changed = (Object.keys(patch) as (keyof SettingsPatch)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(next[key]));
        const serverChanged = changed.includes('serverUrl');
        // Before anything can reconnect: whoever changes the address must not inherit the account.
        // Nothing is sent to the new server (no sign-in, no queued image) until someone signs in for it.
        if (serverChanged) vault.clear();
        bus.emit('settings:changed', next);
        if (serverChanged) audit('settings-change', { changed, serverFrom: serverOrigin(before.serverUrl), serverTo: serverOrigin(next.serverUrl), credentialsCleared: true });
        else if (changed.length > 0) audit('settings-change', { changed });
        if (changed.includes('retention')) applyRetention();
        if (changed.includes('mode') || serverChanged) await reconnect();
        if (serverChanged) await refreshSignedIn();
        statusChanged();
        return ok(next);
      },
      'status:get': () => ok(status.get()),
      'queue:list': () => (queue ? ok(queue.list()) : fail('store-locked', LOCKED)),
      'queue:retry': ({ id }) => (queue ? ok(afterQueueAction(queue, queue.queue.retryNow(id))) : fail('store-locked', LOCKED)),
      'queue:cancel': ({ id }) => (queue ? ok(afterQueueAction(queue, queue.queue.cancel(id, operator))) : fail('store-locked', LOCKED)),
      'queue:resolve': (request) => (queue ? ok(afterQueueAction(queue, queue.queue.resolve(request.id, 'taskId' in request ? { taskId: request.taskId } : { resend: true }, operator))) : fail('store-locked', LOCKED)),
      'history:search': (query) => (history ? ok(history.search(query)) : fail('store-locked', LOCKED)),
      'history:detail': ({ id }) => {
        if (!history) return fail('store-locked', LOCKED);
        const detail = history.detail(id);
        return detail ? ok(detail) : fail('not-found', 'No verification with this id is in the history (it may have been purged or forgotten).');
      },
      'history:image': ({ id, blobId }) => {
        if (!history) return fail('store-locked', LOCKED);
        const image = history.detail(id)?.images.find((candidate) => candidate.blobId === blobId);
        if (!image) return fail('not-found', 'This image does not belong to that verification.');
        if (!image.available) return fail('not-found', 'This image was deleted by the retention policy; the record remains.');
        return ok({ contentType: image.contentType ?? 'image/jpeg', data: history.image(blobId).toString('base64') });
      },
      'history:evidence': ({ id }) => {
        if (!history || !store) return fail('store-locked', LOCKED);
        const html = exportEvidence(history, store.audit, id, operator);
        return html === null ? fail('not-found', 'No verification with this id is in the history.') : ok({ filename: `evidence-${id}.html`, html });
      },
      'history:persons': () => (history ? ok(registeredPersons(history)) : fail('store-locked', LOCKED)),
      'verification:submit': async (request) => {
        if (!queue || !store || !progeny) return fail('store-locked', LOCKED);
        const prepared = await prepareSubmission(request, { mode: progeny.mode, operator });
        if (!prepared.ok) return prepared;
        let id: string;
        try {
          id = queue.queue.enqueue(prepared.value);
        } catch (error) {
          if (!isDiskFull(error)) throw error;
          log.error('submit refused: disk full', { dataDir });
          return fail('storage-full', `The disk holding the station data (${dataDir}) is full: this verification was not queued. Free some space, then submit again; everything queued before is safe.`);
        }
        queueChanged(queue.queue.counts());
        queue.wake();
        return ok({ id });
      },
      'audit:list': ({ limit }) => {
        if (!store) return fail('store-locked', LOCKED);
        const newest = store.database.db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM audit_log').get()?.seq ?? 0;
        return ok(store.audit.list({ fromSeq: Math.max(1, newest - limit + 1) }).reverse());
      },
      'store:unlock': async (request) => {
        if (store) return ok(true);
        if (!unlock) return fail('store-locked', 'This station cannot be unlocked from the screen; restart it with its key.');
        const creating = 'newPassphrase' in request;
        if (creating !== unlock.isNew()) return fail('invalid-request', creating ? 'This station already has a passphrase: enter it to unlock.' : 'This station has no passphrase yet: choose one first.');
        try {
          attachStore(await unlock.open(creating ? request.newPassphrase : request.passphrase));
        } catch (error) {
          log.warn('unlock refused', { reason: error instanceof Error ? error.name : 'error' });
          return fail('unlock-refused', 'That passphrase does not unlock this station’s data.');
        }
        statusChanged();
        return ok(true);
      },
      'credentials:sign-in': async ({ username, password, remember }) => {
        if (!progeny) return fail('internal', 'This station has no Progeny connection.');
        try {
          vault.save({ username, password }, remember, serverOrigin(liveServer()));
        } catch (error) {
          if (error instanceof CredentialStorageError) return fail('credentials-not-stored', error.message);
          throw error;
        }
        audit('login', { remembered: remember });
        await reconnect();
        await refreshSignedIn();
        return ok(true);
      },
      // The same checks as `station doctor`, against the server this station uses now (the training sandbox in training mode).
      'connection:test': async () => {
        if (!progeny) return fail('internal', 'This station has no Progeny connection.');
        return ok(await runDoctor(await progeny.target()));
      },
      'credentials:sign-out': async () => {
        vault.clear();
        audit('logout');
        await reconnect();
        await refreshSignedIn();
        return ok(true);
      },
      'lock:engage': ({ reason }) => {
        engageLock(reason);
        return ok(true);
      },
      'lock:release': ({ pin }) => {
        const outcome = lock.release(pin, store);
        if (!outcome.ok) return pinRefused('lock:release', outcome, 'That PIN is not correct.');
        audit('unlock');
        operatorActive();
        return ok(true);
      },
      'lock:set-pin': ({ pin, currentPin }) => {
        if (!store) return fail('store-locked', LOCKED);
        const outcome = lock.setPin(pin, currentPin, store);
        if (!outcome.ok) return pinRefused('lock:set-pin', outcome, 'The current PIN is not correct, so the PIN was not changed.');
        audit('pin-change', { set: true });
        return ok(true);
      },
      'lock:clear-pin': ({ currentPin }) => {
        if (!store) return fail('store-locked', LOCKED);
        const outcome = lock.clearPin(currentPin, store);
        if (!outcome.ok) return pinRefused('lock:clear-pin', outcome, 'The current PIN is not correct, so the PIN was kept.');
        audit('pin-change', { set: false });
        return ok(true);
      },
      'lock:activity': () => {
        operatorActive();
        return ok(true);
      },
    },
    log,
  );
  // While the operator lock is on, nothing that could show a face, a name or a document leaves main.
  const dispatch: Dispatch = (operation, payload) => (lock.locked && !ALLOWED_WHILE_LOCKED.has(operation) ? Promise.resolve(fail('station-locked', OPERATOR_LOCKED)) : dispatchUnlocked(operation, payload));

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
    dispatchAsHost: dispatchUnlocked,
    lastViewClosed: () => {
      // Without a PIN the lock is a one-click privacy screen: engaging it on every reload buys nothing.
      if (!closing && lock.pinSet()) engageLock('closed');
    },
    close: async () => {
      closing = true;
      statusChanged.cancel();
      emitQueueChanged.cancel();
      if (retentionTimer) clearInterval(retentionTimer);
      if (idleTimer) clearTimeout(idleTimer);
      stopIdleWatch();
      // The queue first: a send in flight records Progeny's answer before the store closes under it.
      await queue?.close();
      await progeny?.close();
      store?.close();
    },
  };
}
