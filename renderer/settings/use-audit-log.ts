import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../common/contract';
import type { StationError } from '../../common/result';
import { callMain } from '../app/call-main';

export const AUDIT_ENTRIES_SHOWN = 50;

export type AuditEntries = ResponseOf<'audit:list'>;

interface AuditLogState {
  entries: AuditEntries | null;
  error: StationError | null;
  loading: boolean;
}

/** The newest audit entries, read on opening and again on request. */
export function useAuditLog() {
  const [state, setState] = useState<AuditLogState>({ entries: null, error: null, loading: true });
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let current = true;
    void callMain('audit:list', { limit: AUDIT_ENTRIES_SHOWN }).then((result) => {
      if (current) setState(result.ok ? { entries: result.value, error: null, loading: false } : { entries: null, error: result.error, loading: false });
    });
    return () => {
      current = false;
    };
  }, [reads]);

  return {
    ...state,
    refresh: () => {
      setState((previous) => ({ ...previous, loading: true }));
      setReads((count) => count + 1);
    },
  };
}
