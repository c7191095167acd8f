/**
 * Calls `fn` at once, then at most once per `ms` while calls keep coming, always ending with a
 * call after the last one: a burst of queue transitions becomes a few events, and the final state
 * is never missed.
 */
export function throttle(fn: () => void, ms: number): { (): void; cancel(): void } {
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  const run = () => {
    timer = null;
    last = Date.now();
    fn();
  };
  const call = () => {
    const wait = last + ms - Date.now();
    if (wait <= 0 && !timer) return run();
    timer ??= setTimeout(run, Math.max(0, wait));
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return call;
}
