// Keyboard helpers shared by the views: arrow keys across a tab list (WAI-ARIA tabs pattern) and dialogs that
// close on Escape and give the focus back to where it was.
import { useEffect, useRef, type KeyboardEvent } from 'react';

/** Left/Right/Home/End move between tabs and select them; only the selected tab is in the Tab order. */
export function onTabListKey<T extends string>(e: KeyboardEvent, ids: readonly T[], current: T, select: (id: T) => void): void {
  const i = ids.indexOf(current);
  const next = e.key === 'ArrowRight' ? (i + 1) % ids.length : e.key === 'ArrowLeft' ? (i - 1 + ids.length) % ids.length : e.key === 'Home' ? 0 : e.key === 'End' ? ids.length - 1 : -1;
  if (next < 0) return;
  e.preventDefault();
  select(ids[next]);
  const list = (e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="tab"]');
  requestAnimationFrame(() => list[next]?.focus());
}

/** A modal dialog: focus moves into it, Escape closes it, the focus returns to the opener. */
export function useDialog(onClose: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      opener?.focus?.();
    };
  }, []);
  return ref;
}
