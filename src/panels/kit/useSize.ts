import { useCallback, useRef, useState } from 'react';

/**
 * Width and height of an element, kept current by a ResizeObserver (panels redraw on resize).
 * The ref is a callback so that an element mounted later (e.g. after an empty state) is observed.
 */
export function useSize<T extends HTMLElement>(): [(el: T | null) => void, { width: number; height: number }] {
  const observer = useRef<ResizeObserver | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    const update = (width: number, height: number) =>
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    const rect = el.getBoundingClientRect();
    update(rect.width, rect.height);
    observer.current = new ResizeObserver(([entry]) => update(entry.contentRect.width, entry.contentRect.height));
    observer.current.observe(el);
  }, []);
  return [ref, size];
}
