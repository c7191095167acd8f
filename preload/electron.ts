// Sandboxed preload: the only renderer-side code allowed to touch ipcRenderer (enforced by lint).
// It exposes exactly the contract's operations and events, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { StationApi } from '../common/contract';
import { isEventName, isOperationName } from '../common/contract-names';
import { measurePayload } from '../common/payload-shape';
import { fail } from '../common/result';

/** Main refuses an oversized message anyway; refusing it here spares copying it across. */
const refusedBeforeSending = (payload: unknown) => {
  const size = measurePayload(payload);
  if (size === 'too-large' || size === 'too-many-values') return fail('message-too-large', 'That request was too large for the station to accept.');
  return size === 'too-deep' ? fail('invalid-request', 'That request is nested too deeply for the station to accept.') : null;
};

const station: StationApi = {
  invoke: (operation, ...args) => {
    if (!isOperationName(operation)) return Promise.resolve(fail('unknown-operation', `"${String(operation)}" is not an operation of this station.`));
    return Promise.resolve(refusedBeforeSending(args[0]) ?? ipcRenderer.invoke(operation, args[0]));
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`"${String(event)}" is not an event of this station.`);
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('station', station);
