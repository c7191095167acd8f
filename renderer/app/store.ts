import { create } from 'zustand';
import type { AppInfo, QueueRow, Settings, SettingsPatch, Status } from '../../common/contract';
import type { StationError } from '../../common/result';
import type { ServiceId } from '../../common/services/catalog';
import { callMain, onStationEvent } from './call-main';

/** The views in the navigation, in shortcut order (Alt+1…5). */
export const VIEWS = ['new', 'queue', 'history', 'settings', 'mywork'] as const;
/** Plus the result of one verification, opened from a notification, the queue or the history. */
export type View = (typeof VIEWS)[number] | 'result';

/** What "Re-run as new" (history) hands to the New verification screen. */
export interface VerificationPrefill {
  service: ServiceId;
  fields: Record<string, string>;
  /** Images by Progeny file field name. */
  images: Record<string, { blob: Blob; filename: string }>;
}

/** An in-app notification (a host with system notifications, `app:info` says which, shows one there too). */
export interface Notice {
  id: string;
  /** The verification it is about, when there is one: the notice offers to open its result. */
  verificationId: string | null;
  kind: 'result' | 'attention' | 'info';
  /** Already translated. */
  text: string;
}

export interface StationState {
  view: View;
  status: Status | null;
  settings: Settings | null;
  info: AppInfo | null;
  /** Set when the bridge itself failed (station stopped, request refused). */
  bridgeError: StationError | null;
  /** Last setting that could not be saved, shown next to the control. */
  settingsError: StationError | null;
  /** Open verifications (not done or cancelled), refreshed on every queue:changed event. */
  queue: QueueRow[] | null;
  /** Uploads under way, by verification id (cleared once the item leaves "submitting"). */
  uploads: Record<string, { sent: number; total: number | null }>;
  /** The verification the result view shows. */
  resultId: string | null;
  notices: Notice[];
  /** Counts the sessions ended by a lock (shift handover): what belongs to one session is keyed on it. */
  handovers: number;
  /** Set by "Re-run as new"; the New verification screen takes it (and clears it) when it opens. */
  prefill: VerificationPrefill | null;
  startVerification: (prefill: VerificationPrefill | null) => void;
  takePrefill: () => VerificationPrefill | null;
  setView: (view: View) => void;
  showResult: (id: string) => void;
  refreshQueue: () => Promise<void>;
  notify: (notice: Omit<Notice, 'id'>) => void;
  dismiss: (id: string) => void;
  /** Reads everything once and subscribes to main's events; returns the unsubscribe function. */
  connect: () => () => void;
  refresh: () => Promise<void>;
  updateSettings: (patch: SettingsPatch) => Promise<void>;
}

/** The page's state; it talks to main through `call-main.ts` like every other part of the renderer. */
export function createStationStore() {
  let noticeCount = 0;
  const queueRefresh: { running: Promise<void> | null; again: boolean } = { running: null, again: false };
  return create<StationState>()((set, get) => ({
    view: 'new',
    status: null,
    settings: null,
    info: null,
    bridgeError: null,
    settingsError: null,
    queue: null,
    uploads: {},
    resultId: null,
    notices: [],
    handovers: 0,
    prefill: null,
    startVerification: (prefill) => set({ view: 'new', prefill }),
    takePrefill() {
      const { prefill } = get();
      if (prefill) set({ prefill: null });
      return prefill;
    },
    setView: (view) => set({ view }),
    showResult: (resultId) => set({ view: 'result', resultId }),
    async refreshQueue() {
      // A burst of queue events makes one request now and at most one more after it, never one per
      // event: twenty open pages must not each read the whole queue for every transition.
      if (queueRefresh.running) {
        queueRefresh.again = true;
        return queueRefresh.running;
      }
      queueRefresh.running = (async () => {
        do {
          queueRefresh.again = false;
          const result = await callMain('queue:list');
          const sending = new Set(result.ok ? result.value.filter((row) => row.state === 'submitting').map((row) => row.id) : []);
          set((state) => ({ queue: result.ok ? result.value : null, uploads: Object.fromEntries(Object.entries(state.uploads).filter(([id]) => sending.has(id))) }));
        } while (queueRefresh.again);
      })();
      try {
        await queueRefresh.running;
      } finally {
        queueRefresh.running = null;
      }
    },
    notify(notice) {
      noticeCount += 1;
      set((state) => ({ notices: [...state.notices.slice(-4), { ...notice, id: `notice-${noticeCount}` }] }));
    },
    dismiss: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
    connect() {
      const stops = [
        onStationEvent('status:changed', (status) => {
          const before = get().status;
          const wasLocked = before?.store !== 'unlocked';
          set({ status });
          // Shift handover: locking forgets what the last person had on screen (their result, notices, queue).
          if (status.locked && before && !before.locked) set((state) => ({ view: 'new', resultId: null, prefill: null, notices: [], queue: null, uploads: {}, handovers: state.handovers + 1 }));
          // Signing in reads the queue again, as the person now signed in.
          if ((wasLocked && status.store === 'unlocked') || (before?.locked && !status.locked)) void get().refreshQueue();
        }),
        onStationEvent('settings:changed', (settings) => set({ settings })),
        onStationEvent('queue:changed', () => void get().refreshQueue()),
        onStationEvent('queue:progress', ({ id, sent, total }) => set((state) => ({ uploads: { ...state.uploads, [id]: { sent, total } } }))),
      ];
      void get().refresh();
      void get().refreshQueue();
      return () => stops.forEach((stop) => stop());
    },
    async refresh() {
      const [status, settings, info] = await Promise.all([callMain('status:get'), callMain('settings:get'), callMain('app:info')]);
      const failed = [status, settings, info].find((result) => !result.ok);
      if (failed && !failed.ok) return set({ bridgeError: failed.error });
      set({
        bridgeError: null,
        status: status.ok ? status.value : null,
        settings: settings.ok ? settings.value : null,
        info: info.ok ? info.value : null,
      });
    },
    async updateSettings(patch) {
      const result = await callMain('settings:update', patch);
      if (result.ok) set({ settings: result.value, settingsError: null });
      else set({ settingsError: result.error });
    },
  }));
}

export type StationStore = ReturnType<typeof createStationStore>;
