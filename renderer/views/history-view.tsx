import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../app/store-context';
import { datesReversed, EMPTY_FILTERS, hasFilters, type HistoryFilters } from '../results/history-filters';
import { HistorySearchForm } from '../results/history-search-form';
import { HistoryTable } from '../results/history-table';
import { useHistorySearch, type SearchState } from '../results/use-history-search';
import '../styles/results.css';

/** Typing waits this long after the last keystroke before searching. */
const TYPING_DEBOUNCE_MS = 300;

function SearchMessage({ state }: { state: SearchState }) {
  const { t } = useTranslation();
  if (state.status === 'failed' && state.error) {
    return (
      <p role="alert" className="error">
        {state.error.code === 'store-locked' ? t('results.history.locked') : t('results.history.failed', { message: state.error.message })}
      </p>
    );
  }
  const text =
    state.status === 'loading'
      ? t('results.history.searching')
      : state.status === 'ready' && state.rows.length === 0
        ? state.filters && hasFilters(state.filters)
          ? t('results.history.empty')
          : t('results.history.emptyAll')
        : state.status === 'ready'
          ? t('results.history.shown', { count: state.rows.length })
          : '';
  return (
    <p role="status" className="result-note">
      {text}
    </p>
  );
}

/** Every verification this station kept, searchable by who, when, which service and how it ended. */
export function HistoryView() {
  const { t } = useTranslation();
  const showResult = useStation((s) => s.showResult);
  const [filters, setFilters] = useState<HistoryFilters>(EMPTY_FILTERS);
  const { state, search, loadMore } = useHistorySearch();
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const searchNow = useCallback(
    (next: HistoryFilters) => {
      clearTimeout(typingTimer.current);
      if (!datesReversed(next)) search(next);
    },
    [search],
  );

  useEffect(() => {
    search(EMPTY_FILTERS);
    return () => clearTimeout(typingTimer.current);
  }, [search]);

  const change = (next: HistoryFilters, typing: boolean) => {
    setFilters(next);
    if (!typing) return searchNow(next);
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => searchNow(next), TYPING_DEBOUNCE_MS);
  };

  return (
    <div className="history-view">
      <HistorySearchForm
        filters={filters}
        onChange={change}
        onSubmit={() => searchNow(filters)}
        onClear={() => {
          setFilters(EMPTY_FILTERS);
          searchNow(EMPTY_FILTERS);
        }}
      />
      <SearchMessage state={state} />
      {state.rows.length > 0 && <HistoryTable rows={state.rows} onOpen={showResult} />}
      {state.hasMore && (
        <button type="button" className="history-more" disabled={state.status === 'loading'} onClick={loadMore}>
          {t('results.history.loadMore')}
        </button>
      )}
    </div>
  );
}
