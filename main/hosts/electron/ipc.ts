// The only module in main allowed to touch ipcMain and webContents.send (enforced by lint).
import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import { OPERATION_NAMES, type EventName, type EventPayload } from '../../../common/contract';
import { fail } from '../../../common/result';
import type { Dispatch } from '../../core/dispatcher';
import { isAppUrl } from './app-origin';

/** A request is ours only when it comes from a top-level frame showing the station's own page. */
export function isTrustedSender(frame: WebFrameMain | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

/** One ipcMain.handle per contract operation; payloads go to the dispatcher still unknown. */
export function registerBridgeHandlers(dispatch: Dispatch): () => void {
  for (const operation of OPERATION_NAMES) {
    ipcMain.handle(operation, async (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return fail('forbidden-sender', `${operation} refused: the request did not come from the station's own page.`);
      }
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
