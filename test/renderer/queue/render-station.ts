import type { QueueRow } from '../../../common/contract';
import type { FakeStation } from '../fake-station';
import { renderApp } from '../render-app';

/** The whole shell against the fake, with `window.station` set as the hosts' bridges do. */
export async function renderStation(station: FakeStation) {
  Object.defineProperty(window, 'station', { configurable: true, value: station });
  return renderApp(station);
}

export const T_NOW = Date.now();

let rows = 0;
/** A queued verification; ids are UUIDs because the contract requires them. */
export function queueRow(patch: Partial<QueueRow> = {}): QueueRow {
  rows += 1;
  return {
    id: `00000000-0000-4000-8000-${String(rows).padStart(12, '0')}`,
    service: 'kyc_passport',
    mode: 'training',
    state: 'ready',
    attempts: 0,
    createdAt: T_NOW - 120_000,
    updatedAt: T_NOW - 60_000,
    nextAttemptAt: null,
    verdict: null,
    attentionReason: null,
    errorKind: null,
    errorMessage: null,
    taskId: null,
    ...patch,
  };
}
