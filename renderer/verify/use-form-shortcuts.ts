/**
 * The New verification keys: Ctrl+Enter submits from anywhere on the screen while the form is shown
 * (the view's heading after Alt+1 or "Re-run as new", the page itself, the submitted panel), except
 * inside a dialog, which has its own Enter; Alt+N starts over and
 * Alt+S jumps to the next slot from anywhere on the screen. Physical key codes, so they work on
 * French and Arabic layouts too. Alt+1…4 (views) and Alt+C/Alt+R (inside a slot) stay free.
 */
import { useEffect, useRef, type RefObject } from 'react';

interface Actions {
  submit: () => void;
  startOver: () => void;
  nextSlot: () => void;
}

export function useFormShortcuts(root: RefObject<HTMLElement | null>, actions: Actions): void {
  const latest = useLatest(actions);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key === 'Enter') {
        if (!root.current || inDialog(event.target)) return;
        event.preventDefault();
        latest.current.submit();
      } else if (event.altKey && !event.ctrlKey && !event.metaKey && (event.code === 'KeyN' || event.code === 'KeyS')) {
        event.preventDefault();
        if (event.code === 'KeyN') latest.current.startOver();
        else latest.current.nextSlot();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root, latest]);
}

const inDialog = (target: EventTarget | null): boolean => target instanceof Element && target.closest('dialog, [role="dialog"], [role="alertdialog"]') !== null;

/** The listener stays registered once while always calling the current render's actions. */
function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}
