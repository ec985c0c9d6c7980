import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A header drop-down: a button that opens a small panel of actions. It closes on a click outside,
 * on Esc, and after an action inside it is clicked (so the header stays one row at 1280 px).
 */
export function Menu({
  id,
  label,
  title,
  children,
}: {
  id: string;
  label: string;
  title: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent): void => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="menu" ref={root}>
      <button
        data-testid={`menu-${id}`}
        aria-haspopup="true"
        aria-expanded={open}
        title={title}
        onClick={() => setOpen(!open)}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {/* Kept mounted while closed: a file input inside must still get its change event. */}
      <div
        className="menu-body"
        role="menu"
        hidden={!open}
        onClick={(e) => (e.target as HTMLElement).closest('button') && setOpen(false)}
      >
        {children}
      </div>
    </div>
  );
}
