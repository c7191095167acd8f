import { create } from 'zustand';
import type { AppInfo, Settings, StationApi, Status } from '../../common/contract';
import type { StationError } from '../../common/result';

export const VIEWS = ['new', 'queue', 'history', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface StationState {
  view: View;
  status: Status | null;
  settings: Settings | null;
  info: AppInfo | null;
  /** Set when the bridge itself failed (station stopped, request refused). */
  bridgeError: StationError | null;
  /** Last setting that could not be saved, shown next to the control. */
  settingsError: StationError | null;
  setView: (view: View) => void;
  /** Reads everything once and subscribes to main's events; returns the unsubscribe function. */
  connect: () => () => void;
  refresh: () => Promise<void>;
  updateSettings: (patch: Partial<Settings>) => Promise<void>;
}

export function createStationStore(station: StationApi) {
  return create<StationState>()((set, get) => ({
    view: 'new',
    status: null,
    settings: null,
    info: null,
    bridgeError: null,
    settingsError: null,
    setView: (view) => set({ view }),
    connect() {
      const stops = [
        station.on('status:changed', (status) => set({ status })),
        station.on('settings:changed', (settings) => set({ settings })),
      ];
      void get().refresh();
      return () => stops.forEach((stop) => stop());
    },
    async refresh() {
      const [status, settings, info] = await Promise.all([
        station.invoke('status:get'),
        station.invoke('settings:get'),
        station.invoke('app:info'),
      ]);
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
      const result = await station.invoke('settings:update', patch);
      if (result.ok) set({ settings: result.value, settingsError: null });
      else set({ settingsError: result.error });
    },
  }));
}

export type StationStore = ReturnType<typeof createStationStore>;
