import { useEffect } from 'react';
import { callMain } from './call-main';

/** What counts as the operator being there: their own input, never the page's background work. */
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
/** Main needs to hear about input only this often: the idle period is counted in minutes. */
export const ACTIVITY_REPORT_MS = 20_000;

/**
 * Main enforces the idle lock (`minutes` without input, 0 = never): a page that is closed, frozen
 * or reopened from history cannot keep the station unlocked. The page only tells main, at most every
 * ACTIVITY_REPORT_MS, that the operator is still at work; input during a quiet spell is reported at
 * its end, so main never locks early.
 */
export function useIdleLock(minutes: number, active: boolean): void {
  useEffect(() => {
    if (!active || minutes <= 0) return;
    let lastReport = 0;
    let pending: number | undefined;
    const report = () => {
      pending = undefined;
      lastReport = Date.now();
      void callMain('lock:activity');
    };
    const onInput = () => {
      if (pending !== undefined) return;
      const wait = lastReport + ACTIVITY_REPORT_MS - Date.now();
      if (wait <= 0) report();
      else pending = window.setTimeout(report, wait);
    };
    for (const event of ACTIVITY) window.addEventListener(event, onInput, { passive: true });
    return () => {
      window.clearTimeout(pending);
      for (const event of ACTIVITY) window.removeEventListener(event, onInput);
    };
  }, [minutes, active]);
}
