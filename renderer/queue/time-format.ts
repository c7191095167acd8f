type Unit = 'second' | 'minute' | 'hour' | 'day';

/** The largest unit that keeps the number small and still says enough at a glance. */
function largestUnit(ms: number): [number, Unit] {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  if (seconds < 60) return [seconds, 'second'];
  if (seconds < 60 * 60) return [Math.floor(seconds / 60), 'minute'];
  if (seconds < 48 * 60 * 60) return [Math.floor(seconds / 3600), 'hour'];
  return [Math.floor(seconds / 86_400), 'day'];
}

/** A duration such as "40 sec" or "3 hr", in the UI language. */
export function formatDuration(ms: number, language: string): string {
  const [value, unit] = largestUnit(Math.max(0, ms));
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/** A time ahead such as "in 40 sec.", in the UI language; callers handle "already due". */
export function formatIn(ms: number, language: string): string {
  const [value, unit] = largestUnit(Math.max(0, ms) + 999); // round up: "in 0 sec" would look due
  return new Intl.RelativeTimeFormat(language, { numeric: 'always', style: 'short' }).format(value, unit);
}

/** When a row was queued: the time today, date and time on earlier days. */
export function formatQueuedAt(at: number, now: number, language: string): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(language, sameDay ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' }).format(at);
}
