import { isOperationName, operations, type OperationName, type RequestOf, type ResponseOf } from '../../common/contract';
import { payloadShapeProblem } from '../../common/payload-shape';
import { fail, type Result } from '../../common/result';
import type { Logger } from './logger';

export type Handler<K extends OperationName> = (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>> | Result<ResponseOf<K>>;
export type Handlers = { [K in OperationName]: Handler<K> };

/** Transport-independent entry point: both hosts hand it whatever arrived, still `unknown`. */
export type Dispatch = (operation: unknown, payload: unknown) => Promise<Result<unknown>>;

/** An operation name for messages; `String()` itself throws on some objects a caller could send. */
const describeOperation = (operation: unknown) => (['string', 'number', 'boolean'].includes(typeof operation) ? String(operation).slice(0, 64) : typeof operation);

export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (operation, payload) => {
    // Everything, validation included, inside the try: whatever a request makes throw becomes an
    // answer, never a rejected promise a transport might not catch.
    try {
      if (!isOperationName(operation)) return fail('unknown-operation', `"${describeOperation(operation)}" is not an operation of this station.`);
      const shapeProblem = payloadShapeProblem(payload);
      if (shapeProblem) return fail('invalid-request', `${operation}: request: ${shapeProblem}`, { field: 'request' });
      const parsed = operations[operation].request.safeParse(payload);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const where = first && first.path.length > 0 ? first.path.join('.') : 'request';
        return fail('invalid-request', `${operation}: ${where}: ${first?.message ?? 'invalid'}`, { field: where });
      }
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
      const name = describeOperation(operation);
      log.error('handler threw', { operation: name, error: error instanceof Error ? error.message : String(error) });
      return fail('internal', `${name} failed unexpectedly; see the station log.`);
    }
  };
}
