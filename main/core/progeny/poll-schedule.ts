/**
 * When to ask for a task's result. Progeny has no callbacks, so every GET costs a request and every
 * late GET costs the operator waiting time. The schedule learns how long each service usually
 * takes and asks first when a typical task has just finished, then at the slower quantiles, then
 * backs off with jitter.
 */

/** Durations observed per service, most recent last (bounded). */
export interface DurationHistory {
  record(service: string, durationMs: number): void;
  samples(service: string): readonly number[];
}

export function createDurationHistory(keep = 50): DurationHistory {
  const byService = new Map<string, number[]>();
  return {
    record(service, durationMs) {
      const list = byService.get(service) ?? [];
      list.push(durationMs);
      if (list.length > keep) list.shift();
      byService.set(service, list);
    },
    samples: (service) => byService.get(service) ?? [],
  };
}

const QUANTILES = [0.5, 0.85, 1] as const;
/** Polled this long after a quantile, so a task finishing right at it is already reported. */
const SETTLE_MS = 40;
const COLD_FIRST_MS = 1000;
const MIN_STEP_MS = 250;
const MAX_STEP_MS = 5000;

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/**
 * Times (ms after submission) of the first polls, from the learned durations; after these the
 * poller backs off with `backoffStep`. With no history it starts at one second.
 */
export function plannedPolls(samples: readonly number[]): number[] {
  if (samples.length < 3) return [COLD_FIRST_MS];
  const sorted = [...samples].sort((a, b) => a - b);
  const times = QUANTILES.map((q) => quantile(sorted, q) + SETTLE_MS);
  return times.filter((t, i) => i === 0 || t - times[i - 1]! > 60);
}

/** Delay before the `n`-th poll after the planned ones (n ≥ 0), with ±20 % jitter. */
export function backoffStep(n: number, samples: readonly number[], random: () => number = Math.random): number {
  const typical = samples.length > 0 ? [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]! : COLD_FIRST_MS * 2;
  const base = Math.min(MAX_STEP_MS, Math.max(MIN_STEP_MS, typical * 0.1) * 1.6 ** n);
  return Math.round(base * (0.8 + 0.4 * random()));
}
