// Sandboxed preload: the only renderer-side code allowed to touch ipcRenderer (enforced by lint).
// It exposes exactly the contract's operations and events, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { StationApi } from '../common/contract';
import { isEventName, isOperationName } from '../common/contract-names';
import { fail } from '../common/result';

const station: StationApi = {
  invoke: (operation, ...args) =>
    isOperationName(operation)
      ? ipcRenderer.invoke(operation, args[0])
      : Promise.resolve(fail('unknown-operation', `"${String(operation)}" is not an operation of this station.`)),
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
