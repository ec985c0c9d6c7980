/**
 * KaTeX, loaded when the equations first come near the screen rather than with the page: it is
 * about a third of the page's script, and the first screen shows no equation (issue 19, "A light
 * page"). The service worker precaches its chunk and fonts like every other file, so this works
 * offline too (vite.config.ts).
 */
import { useEffect, useSyncExternalStore, type RefObject } from 'react';
import type Katex from 'katex';

type KatexApi = typeof Katex;

let katex: KatexApi | null = null;
let loading: Promise<KatexApi> | null = null;
const listeners = new Set<() => void>();

/** Loads KaTeX and its stylesheet once; later calls share the same promise. */
export function loadKatex(): Promise<KatexApi> {
  loading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([m]) => {
    katex = m.default;
    for (const notify of listeners) notify();
    return m.default;
  });
  return loading;
}

/** KaTeX if it has loaded, else null (nothing is typeset yet). */
export const katexIfLoaded = (): KatexApi | null => katex;

function subscribe(notify: () => void): () => void {
  listeners.add(notify);
  return () => listeners.delete(notify);
}

/** Re-renders the caller once KaTeX has loaded. */
export function useKatex(): KatexApi | null {
  return useSyncExternalStore(subscribe, katexIfLoaded, katexIfLoaded);
}

/**
 * Starts loading KaTeX when the element comes within half a screen of the viewport, so it is
 * usually typeset before it is seen.
 */
export function useLoadKatexWhenNear(ref: RefObject<Element | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (katex || !el) return;
    if (typeof IntersectionObserver === 'undefined') {
      void loadKatex();
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        void loadKatex();
      },
      { rootMargin: '50% 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
}
