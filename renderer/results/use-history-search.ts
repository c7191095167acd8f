import { useCallback, useRef, useState } from 'react';
import type { ResponseOf } from '../../common/contract';
import type { StationError } from '../../common/result';
import { callMain } from '../app/call-main';
import { PAGE_SIZE, toHistoryQuery, type HistoryFilters } from './history-filters';

export type HistoryRow = ResponseOf<'history:search'>[number];

export interface SearchState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  rows: HistoryRow[];
  /** The last page was full, so there may be more. */
  hasMore: boolean;
  error: StationError | null;
  /** The filters the rows were found with (Load more continues them). */
  filters: HistoryFilters | null;
}

const INITIAL: SearchState = { status: 'idle', rows: [], hasMore: false, error: null, filters: null };

/**
 * Searches the history page by page. Only the newest request may write the rows: a slow answer to
 * an older search (typing is debounced, not serialised) must not overwrite a newer one.
 */
export function useHistorySearch() {
  const [state, setState] = useState<SearchState>(INITIAL);
  const latest = useRef(0);

  const run = useCallback(async (filters: HistoryFilters, rows: HistoryRow[]) => {
    const ticket = ++latest.current;
    setState((previous) => ({ ...previous, status: 'loading', error: null }));
    const result = await callMain('history:search', toHistoryQuery(filters, rows.length));
    if (ticket !== latest.current) return;
    if (!result.ok) return setState({ status: 'failed', rows, hasMore: false, error: result.error, filters });
    setState({ status: 'ready', rows: [...rows, ...result.value], hasMore: result.value.length === PAGE_SIZE, error: null, filters });
  }, []);

  const search = useCallback((filters: HistoryFilters) => void run(filters, []), [run]);
  const loadMore = useCallback(() => {
    if (state.filters) void run(state.filters, state.rows);
  }, [run, state.filters, state.rows]);

  return { state, search, loadMore };
}
