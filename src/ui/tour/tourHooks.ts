/** The tour overlay's effects on the page: the open state, the keyboard, and following its targets. */
import { useEffect, useState, type RefObject } from 'react';
import { measure, sameLayout, type Layout } from './tourLayout';
import type { TourStep } from './tourSteps';
import { useTour } from './tourStore';

/** App shortcuts (space, arrows, r, p, 1–9, ?) must not fire while the tour has the keyboard. */
const SHORTCUT_KEYS = /^( |ArrowRight|ArrowLeft|r|R|p|P|\?|[1-9])$/;

function isField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement && !['button', 'submit', 'reset', 'checkbox', 'radio'].includes(target.type)
  );
}

/** While open: the class that enables the scroll margin (tour.css); focus returned on close. */
export function useTourOpenPage(): void {
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    document.documentElement.classList.add('tour-open');
    return () => {
      document.documentElement.classList.remove('tour-open');
      document.documentElement.style.removeProperty('--tour-scroll-top');
      if (before?.isConnected) before.focus({ preventScroll: true });
    };
  }, []);
}

/** Keys in the capture phase, before any app shortcut sees them. */
export function useTourKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const tour = useTour.getState();
      if (!tour.active || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopImmediatePropagation();
        tour.skip();
        return;
      }
      if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && !isField(e.target)) {
        e.preventDefault();
        e.stopImmediatePropagation();
        if (e.key === 'ArrowRight') tour.next();
        else tour.back();
        return;
      }
      // A focused slider or field still gets its own keys (default actions run); the app does not.
      if (SHORTCUT_KEYS.test(e.key)) e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

/**
 * The overlay layout, following the targets every frame: scrolling (also smooth scrolling and
 * the controls' own scroll box), resizing and panels that appear or change size.
 */
export function useTourLayout(step: TourStep, cardRef: RefObject<HTMLDivElement | null>): Layout | null {
  const [layout, setLayout] = useState<Layout | null>(null);
  useEffect(() => {
    let raf = requestAnimationFrame(function tick() {
      const now = measure(step, cardRef.current);
      setLayout((prev) => (prev && sameLayout(prev, now) ? prev : now));
      raf = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(raf);
  }, [step, cardRef]);
  return layout;
}
