/**
 * The idle lock is main's: only the operator's own input (`lock:activity`, which pages send on keys
 * and clicks) counts, never a page's background reads, so a page left open, or closed and reopened
 * from the browser's history, cannot keep the station unlocked.
 */
export interface IdleWatch {
  /** The operator did something: the idle time starts again. */
  active: () => void;
  /** Re-reads the idle time (a settings change) and arms or disarms the timer. */
  rearm: () => void;
  stop: () => void;
}

export function watchIdle(options: { minutes: () => number; locked: () => boolean; closing: () => boolean; onIdle: () => void }): IdleWatch {
  let lastActivity = Date.now();
  let timer: NodeJS.Timeout | null = null;
  const rearm = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const minutes = options.minutes();
    if (options.closing() || options.locked() || minutes <= 0) return;
    const left = lastActivity + minutes * 60_000 - Date.now();
    if (left <= 0) return options.onIdle();
    timer = setTimeout(rearm, left);
    timer.unref();
  };
  rearm();
  return {
    active: () => {
      lastActivity = Date.now();
      if (!timer) rearm();
    },
    rearm,
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
