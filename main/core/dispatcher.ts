import {
  isOperationName,
  operations,
  type OperationName,
  type RequestOf,
  type ResponseOf,
} from '../../common/contract';
import { fail, type Result } from '../../common/result';
import type { Logger } from './logger';

export type Handler<K extends OperationName> = (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>> | Result<ResponseOf<K>>;
export type Handlers = { [K in OperationName]: Handler<K> };

/** Transport-independent entry point: both hosts hand it whatever arrived, still `unknown`. */
export type Dispatch = (operation: unknown, payload: unknown) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (operation, payload) => {
    if (!isOperationName(operation)) {
      return fail('unknown-operation', `"${String(operation).slice(0, 64)}" is not an operation of this station.`);
    }
    const parsed = operations[operation].request.safeParse(payload);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? first.path.join('.') : 'request';
      return fail('invalid-request', `${operation}: ${where}: ${first?.message ?? 'invalid'}`, { field: where });
    }
    try {
      const handler = handlers[operation] as Handler<OperationName>;
      const result = await handler(parsed.data);
      if (result.ok) {
        // The response schema is part of the contract too: a handler bug must not reach the UI as data.
        const checked = operations[operation].response.safeParse(result.value);
        if (!checked.success) {
          log.error('handler returned a response outside the contract', { operation });
          return fail('internal', `${operation} produced an invalid response.`);
        }
        return { ok: true, value: checked.data };
      }
      return result;
    } catch (error) {
      log.error('handler threw', { operation, error: error instanceof Error ? error.message : String(error) });
      return fail('internal', `${operation} failed unexpectedly; see the station log.`);
    }
  };
}
