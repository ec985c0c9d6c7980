/**
 * Panels off screen skip slider inputs and new data and catch up when they scroll back (issue 19,
 * one frame per input; docs/architecture.md, data flow): a slider move or a snapshot redraws only
 * what can be seen. "On screen" has a margin of half a viewport, so a panel has caught up before
 * it scrolls in. Where IntersectionObserver is missing (server rendering, unit tests), everything
 * counts as on screen.
 */
import {
  createContext,
  useCallback,
  useContext,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { flushSync } from 'react-dom';

/** One IntersectionObserver (made on first use) and the setter of each element it watches. */
interface Watcher {
  rootMargin: string;
  registry: Map<Element, (intersecting: boolean) => void>;
  observer?: IntersectionObserver | null;
}

/** Within half a viewport of the screen: panels there are live ("on screen") and catch up. */
const near: Watcher = { rootMargin: '50% 0px', registry: new Map() };
/**
 * In the viewport itself. Panels near but not in view take slider values as a deferred value
 * (WhileOnScreen), so a key press pays only for what the reader sees.
 */
const inView: Watcher = { rootMargin: '0px', registry: new Map() };
const watchers = [near, inView];

function observerOf(w: Watcher): IntersectionObserver | null {
  if (w.observer !== undefined) return w.observer;
  wirePrinting();
  w.observer =
    typeof IntersectionObserver === 'undefined'
      ? null
      : new IntersectionObserver(
          (entries) => {
            for (const e of entries) w.registry.get(e.target)?.(e.isIntersecting);
          },
          { rootMargin: w.rootMargin },
        );
  return w.observer;
}

/**
 * A callback ref and what `w`'s observer last reported for its element (`initially` until it
 * first reports). Giving it the element it already watches does nothing.
 */
function useWatched<T extends Element>(w: Watcher, initially: boolean): [(el: T | null) => void, boolean] {
  const [intersecting, setIntersecting] = useState(initially || typeof IntersectionObserver === 'undefined');
  const watched = useRef<Element | null>(null);
  const ref = useCallback(
    (el: T | null) => {
      const io = observerOf(w);
      if (!io || el === watched.current) return;
      if (watched.current) {
        io.unobserve(watched.current);
        w.registry.delete(watched.current);
      }
      watched.current = el;
      if (!el) return;
      w.registry.set(el, setIntersecting);
      io.observe(el);
    },
    [w],
  );
  return [ref, intersecting];
}

let printingWired = false;

/** Printing and its end, listened to once for the whole page. */
function wirePrinting(): void {
  if (printingWired || typeof window === 'undefined') return;
  printingWired = true;
  window.addEventListener('beforeprint', showAllForPrint);
  window.addEventListener('afterprint', observeAgain);
}

/**
 * Printing shows every panel: before the print layout, everything counts as on screen and in
 * view at once (flushSync), so no panel prints with held values; the observers take over again
 * afterwards.
 */
function showAllForPrint(): void {
  flushSync(() => {
    for (const w of watchers) for (const set of w.registry.values()) set(true);
  });
}

/** After printing, each element is observed afresh: the observers report where each one is now. */
function observeAgain(): void {
  for (const w of watchers)
    for (const el of w.registry.keys()) {
      w.observer?.unobserve(el);
      w.observer?.observe(el);
    }
}

/**
 * Brings the panel around `el` (an export button, say) up to date at once: an export composes
 * what the page shows, and the observer may not yet have reported a panel just scrolled in.
 */
export function showNow(el: Element): void {
  // Every watched element around it: the panel and its section (which holds the Fig. 2 subject).
  const setters: Array<(intersecting: boolean) => void> = [];
  for (let e: Element | null = el; e; e = e.parentElement)
    for (const w of watchers) {
      const set = w.registry.get(e);
      if (set) setters.push(set);
    }
  if (setters.length === 0) return;
  flushSync(() => {
    for (const set of setters) set(true);
  });
}

/**
 * Whether panels mounted below start off screen: a section known to be off screen says so, so a
 * panel that mounts there (with the first snapshot, say) waits for the observer instead of drawing.
 */
export const StartsOffScreen = createContext(false);

/**
 * A callback ref and whether its element is on screen, within the margin (true until the observer
 * first says otherwise, so everything draws on mount).
 */
export function useOnScreen<T extends Element>(initially = true): [(el: T | null) => void, boolean] {
  return useWatched<T>(near, initially);
}

const OFF_SCREEN: unique symbol = Symbol('off screen');

/** A store hook as zustand makes them (useLab, useRun): the selection of the store's state. */
type StoreHook<S> = <U>(select: (state: S) => U) => U;

/**
 * `select` from the store while `live`; while not, the value it had when last live. Off screen the
 * subscription selects a constant, so a slider input does not even re-render the component
 * (zustand re-renders on a changed selection only); until a value is held, it follows the store.
 * A live render that changes the held value sets it during render (React's pattern for state
 * derived from props).
 */
export function useHeldSelection<S, V>(useStore: StoreHook<S>, select: (state: S) => V, live: boolean): V {
  const [held, setHeld] = useState<{ value: V } | null>(null);
  const follow = live || held === null;
  const selected = useStore((s) => (follow ? select(s) : OFF_SCREEN));
  if (selected !== OFF_SCREEN && (held === null || !Object.is(held.value, selected))) setHeld({ value: selected });
  return selected !== OFF_SCREEN ? selected : (held as { value: V }).value;
}

/** `values` while `live` (the same array while they are equal); while not, the values when last live. */
export function useHeldValues<V extends readonly unknown[]>(values: V, live: boolean): V {
  const [held, setHeld] = useState(values);
  const same = held.length === values.length && held.every((v, i) => Object.is(v, values[i]));
  if (live && !same) setHeld(values);
  return live && !same ? values : held;
}

/** `render` while `live`; while not, the function it was when last live (with the data it closed over). */
function useHeldRender<F extends (...args: never[]) => unknown>(render: F, live: boolean): F {
  const [held, setHeld] = useState(() => ({ render }));
  if (live && held.render !== render) setHeld({ render });
  return live ? render : held.render;
}

/** Whether the reader has scrolled the page yet, and who waits for it. */
let scrolled = false;
const waitingForScroll = new Set<() => void>();

function onFirstScroll(then: () => void): () => void {
  if (scrolled) {
    then();
    return () => undefined;
  }
  if (waitingForScroll.size === 0 && typeof window !== 'undefined')
    window.addEventListener(
      'scroll',
      () => {
        scrolled = true;
        for (const f of [...waitingForScroll]) f();
        waitingForScroll.clear();
      },
      { once: true, passive: true, capture: true },
    );
  waitingForScroll.add(then);
  return () => waitingForScroll.delete(then);
}

/**
 * Whether the panel has drawn. A panel draws first when it is in view, or, once the reader has
 * begun to scroll, when it comes within the margin (so it is ready before it scrolls in). Until
 * then it costs nothing: at load the main thread belongs to the first screen and the first slider
 * move (docs/architecture.md, "First screen"). Printing (showAllForPrint) and exports (showNow)
 * bring a panel in like scrolling does.
 */
function useDrawn(onScreen: boolean, visible: boolean): boolean {
  const [drawn, setDrawn] = useState(onScreen && visible);
  const due = onScreen && (visible || scrolled);
  if (due && !drawn) setDrawn(true);
  useEffect(() => (drawn || !onScreen ? undefined : onFirstScroll(() => setDrawn(true))), [drawn, onScreen]);
  useEffect(() => {
    if (drawn) return undefined;
    const draw = (): void => setDrawn(true);
    undrawn.add(draw);
    return () => {
      undrawn.delete(draw);
    };
  }, [drawn]);
  return drawn || due;
}

/** Panels that have not drawn yet, wherever they are. */
const undrawn = new Set<() => void>();

/**
 * Draws every panel that has not drawn yet (with the next render), for what needs all of the
 * page's panels to exist: the guided tour, whose steps point at panels anywhere on the page.
 */
export function drawEveryPanel(): void {
  for (const draw of [...undrawn]) draw();
}

/**
 * Renders `children(values)` while its first element is on screen. Off screen it keeps what it
 * rendered when it left: the same element, so React skips the panel for slider inputs and for new
 * data alike (the `children` closure, with the data it saw, is held with the slider `values`). It
 * catches up when the element comes back within the margin, before printing (showAllForPrint) and
 * before an export (showNow). A panel that mounts off screen (in a section that is off screen, see
 * StartsOffScreen) shows an empty box of about a panel's height until it is first due (useDrawn).
 * The wrapper is `display: contents`, so grid layouts see the panel itself.
 */
export function WhileOnScreen<V extends readonly unknown[]>({
  values,
  children,
}: {
  values: V;
  children: (values: V) => ReactNode;
}) {
  const startsOnScreen = !useContext(StartsOffScreen);
  const [watch, onScreen] = useOnScreen<Element>(startsOnScreen);
  const [watchVisible, visible] = useWatched<Element>(inView, startsOnScreen);
  const drawn = useDrawn(onScreen, visible);
  // Near but not in view: the values (and the render closing over the data) of a deferred,
  // interruptible render after the input's own frame has painted.
  const current = useHeldValues(values, true);
  const deferredValues = useDeferredValue(current);
  const deferredChildren = useDeferredValue(children);
  // Until its first drawing, a panel follows everything, so it draws with what is current then.
  const held = useHeldValues(visible ? current : deferredValues, onScreen || !drawn);
  const render = useHeldRender(visible ? children : deferredChildren, onScreen || !drawn);
  // The same element while nothing it depends on changes, so React bails out of the subtree.
  const panel = useMemo(() => (drawn ? render(held) : null), [drawn, render, held]);
  const box = useRef<HTMLDivElement>(null);
  // The wrapper has no box of its own: watch its first child, again after every commit in case
  // the panel's element was replaced.
  useLayoutEffect(() => {
    const first = box.current?.firstElementChild ?? null;
    watch(first);
    watchVisible(first);
  });
  useLayoutEffect(
    () => () => {
      watch(null);
      watchVisible(null);
    },
    [watch, watchVisible],
  );
  return (
    // data-live says whether the panel shows what is current (false: what it held off screen).
    <div ref={box} className="on-screen" data-live={onScreen} style={{ display: 'contents' }}>
      {drawn ? panel : <div className="panel-pending" aria-hidden="true" />}
    </div>
  );
}
