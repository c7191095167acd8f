import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

interface ModalDialogProps {
  title: string;
  onClose: () => void;
  /** Where focus starts: the safe choice, or the first thing to fill in. */
  initialFocus: RefObject<HTMLElement | null>;
  /** Where focus goes when the control that opened the dialog is gone (its row left the table). */
  fallbackFocus: () => HTMLElement | null;
  children: (ids: { description: string }) => ReactNode;
}

/**
 * A modal dialog: focus moves in, Tab cycles inside, Escape closes, and focus returns to the
 * control that opened it, so keyboard and screen-reader users never lose their place.
 */
export function ModalDialog({ title, onClose, initialFocus, fallbackFocus, children }: ModalDialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  // Read once, when the dialog first renders: by the time effects run, focus may already have moved.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const close = useRef(onClose);
  const fallback = useRef(fallbackFocus);
  useEffect(() => {
    close.current = onClose;
    fallback.current = fallbackFocus;
  });

  useEffect(() => {
    initialFocus.current?.focus();
    const element = dialog.current;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close.current();
      } else if (event.key === 'Tab' && element) {
        const focusable = [...element.querySelectorAll<HTMLElement>(FOCUSABLE)];
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (!first || !last) return;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    element?.addEventListener('keydown', onKeyDown);
    return () => {
      element?.removeEventListener('keydown', onKeyDown);
      (opener?.isConnected ? opener : fallback.current())?.focus();
    };
  }, [initialFocus, opener]);

  return (
    <div className="modal-backdrop">
      <div ref={dialog} className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={descriptionId}>
        <h2 id={titleId}>{title}</h2>
        {children({ description: descriptionId })}
      </div>
    </div>
  );
}
