/**
 * The renderer's one way to call main. Every request and every event subscription goes through
 * here, typed from `common/contract.ts`; nothing else in the renderer touches `window.station`.
 * A transport that throws (Electron IPC without a handler, a page opened without its bridge) comes
 * back as a failed Result, so every screen reports it like any other failure instead of losing it
 * in an unhandled rejection.
 */
import type { EventName, EventPayload, InvokeArgs, OperationName, ResponseOf, StationApi } from '../../common/contract';
import { fail, type Result } from '../../common/result';

declare global {
  interface Window {
    /** Installed by the host's bridge (Electron preload or the web station's bridge script). */
    readonly station?: StationApi;
  }
}

const MISSING = 'window.station is missing: the page was opened without a station bridge.';

/** Read at each call, not once at load: the bridge is the host's, and tests install their own. */
function bridge(): StationApi | null {
  return window.station ?? null;
}

/**
 * Four-eyes: asks a supervisor or administrator, on this screen, for their name and secret (the
 * approval dialog registers itself here). Null: the operator cancelled.
 */
export type ApprovalAsker = (request: { action: string; refused: boolean; retryAfterMs: number }) => Promise<{ name: string; secret: string } | null>;
let askApproval: ApprovalAsker | null = null;
export function setApprovalAsker(asker: ApprovalAsker): () => void {
  askApproval = asker;
  return () => {
    if (askApproval === asker) askApproval = null;
  };
}

export async function callMain<K extends OperationName>(operation: K, ...args: InvokeArgs<K>): Promise<Result<ResponseOf<K>>> {
  try {
    const station = bridge();
    if (!station) return fail('bridge-unavailable', MISSING);
    let result = await station.invoke(operation, ...args);
    // Main refused for want of an approval (or refused the approver): ask on this screen and send
    // the same request again with it; main checks it and acts in that one call.
    const payload: unknown = args[0];
    while (!result.ok && (result.error.code === 'approval-required' || result.error.code === 'approval-refused') && askApproval && typeof payload === 'object' && payload !== null) {
      const approval = await askApproval({
        action: result.error.details?.action ?? '',
        refused: result.error.code === 'approval-refused',
        retryAfterMs: Number(result.error.details?.retryAfterMs ?? 0),
      });
      if (!approval) return result;
      result = await station.invoke(operation, ...([{ ...payload, approval }] as unknown as InvokeArgs<K>));
    }
    return result;
  } catch (error) {
    return fail('bridge-unavailable', error instanceof Error ? error.message : String(error));
  }
}

/** Listens to one of main's events; returns the function that stops listening. */
export function onStationEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const station = bridge();
  // Without a bridge no event can come; the first callMain reports the missing bridge.
  return station ? station.on(event, listener) : () => undefined;
}
