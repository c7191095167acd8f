/** One upload's progress, as the `queue:progress` event carries it. */
export interface UploadProgress {
  id: string;
  sent: number;
  total: number | null;
}

/** Between two progress events of one upload: ~10 a second is enough for a smooth bar. */
const MIN_INTERVAL_MS = 100;

/**
 * Thins an upload's progress reports to at most ~10 events a second per upload, always passing the
 * last one (sent = total), so a fast connection does not flood every window with events.
 */
export function progressEvents(emit: (progress: UploadProgress) => void): (id: string, sent: number, total: number | null) => void {
  const lastSent = new Map<string, number>();
  return (id, sent, total) => {
    const now = Date.now();
    const done = total !== null && sent >= total;
    if (!done && now - (lastSent.get(id) ?? 0) < MIN_INTERVAL_MS) return;
    if (done) lastSent.delete(id);
    else lastSent.set(id, now);
    emit({ id, sent, total });
  };
}
