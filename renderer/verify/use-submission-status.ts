/**
 * Where a submitted verification is now. While it is in the open queue the store's rows say
 * (refreshed on every queue change); once it has left the queue (done, cancelled) – or before the
 * first refresh has seen it – the history says, including the verdict.
 */
import { useEffect, useState } from 'react';
import type { HistoryDetail } from '../../common/contract';
import { FINAL_STATES, isOneOf } from '../../common/vocabulary';
import { callMain } from '../app/call-main';
import { useStation } from '../app/store-context';

export interface SubmissionStatus {
  state: string;
  updatedAt: number;
  attempts: number;
  verdict: string | null;
  final: boolean;
}

export function useSubmissionStatus(id: string): { status: SubmissionStatus | null; lookupError: string | null } {
  const queue = useStation((s) => s.queue);
  const row = queue?.find((item) => item.id === id) ?? null;
  const [detail, setDetail] = useState<HistoryDetail | null>(null);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const finished = detail !== null && isOneOf(FINAL_STATES, detail.state);
  const inQueue = row !== null;

  useEffect(() => {
    if (inQueue || finished) return;
    let current = true;
    // callMain turns a failing transport into a failed Result: one path for every failure.
    void callMain('history:detail', { id }).then((result) => {
      if (!current) return;
      setDetail(result.ok ? result.value : null);
      setLookupError(result.ok ? null : result.error.message);
    });
    return () => {
      current = false;
    };
    // Every queue refresh may be the one where it left the queue: look again until it is final.
  }, [id, queue, inQueue, finished]);

  if (row) return { status: { state: row.state, updatedAt: row.updatedAt, attempts: row.attempts, verdict: row.verdict, final: false }, lookupError: null };
  if (detail) return { status: { state: detail.state, updatedAt: detail.updatedAt, attempts: detail.sendCount, verdict: detail.verdict, final: finished }, lookupError };
  return { status: null, lookupError };
}
