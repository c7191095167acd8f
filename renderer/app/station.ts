import type { StationApi } from '../../common/contract';

declare global {
  interface Window {
    /** Installed by the host's bridge (Electron preload or the web station's bridge script). */
    readonly station: StationApi;
  }
}

export function getStation(): StationApi {
  if (!('station' in window)) throw new Error('window.station is missing: the page was opened without a station bridge.');
  return window.station;
}
