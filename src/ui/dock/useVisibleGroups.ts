import { useEffect, useState } from 'react';
import type { DockGroup } from './dockParams';

/**
 * Which groups have an element on screen, by IntersectionObserver (issue 19 item 3). Panels come
 * and go (the training panels appear with the first snapshot, compare mode doubles them), so the
 * observed set is refreshed on a slow timer: a few querySelectorAll calls, nothing per frame.
 */
const RESCAN_MS = 500;
/** About the sticky header's height (one row on desktops and projectors). */
const HEADER_PX = 56;
const NONE: ReadonlySet<DockGroup> = new Set();

export function useVisibleGroups(watched: Record<string, DockGroup>, enabled: boolean): ReadonlySet<DockGroup> {
  const [visible, setVisible] = useState<ReadonlySet<DockGroup>>(() => new Set());
  useEffect(() => {
    if (!enabled) return;
    const onScreen = new Set<Element>();
    const publish = (): void => {
      const groups = new Set<DockGroup>();
      for (const el of onScreen) {
        const group = watched[el.getAttribute('data-testid') ?? ''];
        if (group) groups.add(group);
      }
      setVisible((prev) => (sameSet(prev, groups) ? prev : groups));
    };
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (e.isIntersecting) onScreen.add(e.target);
          else onScreen.delete(e.target);
        }
        publish();
      },
      // A section's last strip behind the sticky header is not "on screen".
      { rootMargin: `-${HEADER_PX}px 0px 0px 0px` },
    );
    const observed = new Set<Element>();
    const selector = Object.keys(watched)
      .map((id) => `[data-testid="${id}"]`)
      .join(',');
    const rescan = (): void => {
      const now = new Set(document.querySelectorAll(selector));
      for (const el of now)
        if (!observed.has(el)) {
          observed.add(el);
          io.observe(el);
        }
      let gone = false;
      for (const el of [...observed])
        if (!now.has(el)) {
          observed.delete(el);
          gone = onScreen.delete(el) || gone;
          io.unobserve(el);
        }
      // New elements are reported by the observer's first callback; only removals need a publish.
      if (gone) publish();
    };
    rescan();
    const timer = setInterval(rescan, RESCAN_MS);
    return () => {
      clearInterval(timer);
      io.disconnect();
    };
  }, [watched, enabled]);
  return enabled ? visible : NONE;
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
