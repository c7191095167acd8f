import { useEffect } from 'react';
import { getStation } from './station';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks the station after `minutes` without input (0 = never). Main does the locking, so a page
 * that is closed or frozen cannot keep personal data reachable: the renderer only reports idleness.
 */
export function useIdleLock(minutes: number, active: boolean): void {
  useEffect(() => {
    if (!active || minutes <= 0) return;
    let timer: number;
    const arm = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void getStation().invoke('lock:engage', { reason: 'idle' }), minutes * 60_000);
    };
    arm();
    for (const event of ACTIVITY) window.addEventListener(event, arm, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, arm);
    };
  }, [minutes, active]);
}
