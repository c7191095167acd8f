import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../common/contract';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** Main-side source of every main→renderer event; each host forwards it over its transport. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  /** Every event, for transports that forward all of them. */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void;
}

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  // Each connected window or WebSocket client adds a listener; the default cap of 10 is too low.
  emitter.setMaxListeners(0);
  const ANY = Symbol('any');
  return {
    emit(event, payload) {
      emitter.emit(event, payload);
      emitter.emit(ANY, event, payload);
    },
    on(event, listener) {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
    onAny(listener) {
      emitter.on(ANY, listener);
      return () => emitter.off(ANY, listener);
    },
  };
}
