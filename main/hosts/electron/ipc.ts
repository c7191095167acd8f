// The only module in main allowed to touch ipcMain and webContents.send (enforced by lint).
import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import { OPERATION_NAMES, type EventName, type EventPayload } from '../../../common/contract';
import { measurePayload, MAX_BRIDGE_MESSAGE_BYTES, MAX_PAYLOAD_VALUES } from '../../../common/payload-shape';
import { fail } from '../../../common/result';
import type { Dispatch } from '../../core/dispatcher';
import { isAppUrl } from './app-origin';

/** A request is ours only when it comes from a top-level frame showing the station's own page. */
export function isTrustedSender(frame: WebFrameMain | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

/**
 * One ipcMain.handle per contract operation; payloads go to the dispatcher still unknown, and only
 * when they fit the cap the web station's WebSocket applies too (the preload checks first as well,
 * but a compromised page could call IPC some other way).
 */
export function registerBridgeHandlers(dispatch: Dispatch): () => void {
  for (const operation of OPERATION_NAMES) {
    ipcMain.handle(operation, async (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return fail('forbidden-sender', `${operation} refused: the request did not come from the station's own page.`);
      }
      // A cyclic request goes on: the dispatcher refuses it as invalid, after the same walk.
      const size = measurePayload(payload);
      if (size === 'too-large') return fail('message-too-large', `${operation} refused: the request is larger than the station accepts (${MAX_BRIDGE_MESSAGE_BYTES / 1024 / 1024} MB).`);
      if (size === 'too-many-values') return fail('message-too-large', `${operation} refused: the request holds more than ${MAX_PAYLOAD_VALUES} values.`);
      if (size === 'too-deep') return fail('invalid-request', `${operation} refused: the request is nested too deeply.`);
      return dispatch(operation, payload);
    });
  }
  return () => {
    for (const operation of OPERATION_NAMES) ipcMain.removeHandler(operation);
  };
}

export function sendEvent<E extends EventName>(contents: WebContents, event: E, payload: EventPayload<E>): void {
  if (!contents.isDestroyed()) contents.send(event, payload);
}
