/** Reads a list from main once when a form part opens (registered people, earlier documents). */
import { useEffect, useState } from 'react';
import type { Result } from '../../common/result';

export type ListState<T> = { kind: 'loading' } | { kind: 'loaded'; items: T[] } | { kind: 'failed'; message: string };

export function useStationList<T>(load: () => Promise<Result<T[]>>): ListState<T> {
  const [state, setState] = useState<ListState<T>>({ kind: 'loading' });
  useEffect(() => {
    let current = true;
    load().then(
      (result) => current && setState(result.ok ? { kind: 'loaded', items: result.value } : { kind: 'failed', message: result.error.message }),
      (error: unknown) => current && setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [load]);
  return state;
}
