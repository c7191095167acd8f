import type { OperationName, RequestOf, ResponseOf } from '../../common/contract';
import { fail, type Result } from '../../common/result';
import { getStation } from '../app/station';

/**
 * `window.station.invoke` where a transport that throws (Electron IPC without a handler, a page
 * opened without its bridge) comes back as a failed Result, so every screen reports it the same
 * way as any other failure instead of losing it in an unhandled rejection.
 */
export async function invokeStation<K extends OperationName>(operation: K, payload: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
  try {
    const station = getStation();
    // The contract's rest-argument form cannot be spelled for a generic K; the payload is typed above.
    const invoke = station.invoke.bind(station) as (operation: K, payload: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;
    return await invoke(operation, payload);
  } catch (error) {
    return fail('bridge-unavailable', error instanceof Error ? error.message : String(error));
  }
}
