import { useCallback, useEffect, useState } from 'react';
import type { HistoryDetail } from '../../common/contract';
import type { StationError } from '../../common/result';
import { FINAL_STATES, isOneOf } from '../../common/vocabulary';
import { callMain, onStationEvent } from '../app/call-main';

export type DetailState = { status: 'idle' } | { status: 'loading' } | { status: 'failed'; error: StationError } | { status: 'ready'; detail: HistoryDetail };

/**
 * One verification from the history. While it is not final (still queued, sent, or waiting for a
 * person) it is read again on every queue change, so the screen follows it to its result.
 */
export function useHistoryDetail(id: string | null): { state: DetailState; reload: () => void } {
  const [attempt, setAttempt] = useState(0);
  // What was read, and for which request: anything older than the current request means "loading".
  const [loaded, setLoaded] = useState<{ id: string; attempt: number; state: DetailState } | null>(null);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (!id) return;
    let current = true;
    let final = false;
    const read = async () => {
      const result = await callMain('history:detail', { id });
      if (!current) return;
      if (result.ok) final = isOneOf(FINAL_STATES, result.value.state);
      setLoaded({ id, attempt, state: result.ok ? { status: 'ready', detail: result.value } : { status: 'failed', error: result.error } });
    };
    void read();
    const stop = onStationEvent('queue:changed', () => {
      if (!final) void read();
    });
    return () => {
      current = false;
      stop();
    };
  }, [id, attempt]);

  if (!id) return { state: { status: 'idle' }, reload };
  if (!loaded || loaded.id !== id || loaded.attempt !== attempt) return { state: { status: 'loading' }, reload };
  return { state: loaded.state, reload };
}
