/**
 * The tour's contact with the page: the boxes of a step's targets, the overlay layout made from
 * them each frame, and the scroll that brings a step's targets into view.
 */
import { testIdSelector, type TourStep } from './tourSteps';
import { bottom, GAP, grow, MARGIN, PAD, placeCard, right, union, type Box, type CardPlacement } from './tourGeometry';

export interface Layout {
  stepId: string;
  vw: number;
  vh: number;
  /** The union of the targets' boxes, exactly (the hole is PAD larger). */
  spot: Box | null;
  rings: Box[];
  card: { left: number; top: number };
  placement: CardPlacement;
}

function elementFor(id: string): Element | null {
  return document.querySelector(testIdSelector(id));
}

/** The element's box, or null when it is not laid out (absent, display: none, zero-sized). */
function boxFor(id: string): Box | null {
  const el = elementFor(id);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  if (r.width <= 0 || r.height <= 0) return null;
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}

export function measure(step: TourStep, card: HTMLElement | null): Layout {
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const present = (ids: readonly string[]) => ids.map(boxFor).filter((b): b is Box => b !== null);
  const spot = union(present(step.targets));
  const rings = present(step.also ?? []);
  const { placement, ...at } = placeCard(
    spot,
    card?.offsetWidth ?? 340,
    card?.offsetHeight ?? 240,
    vw,
    vh,
    step.placement,
  );
  return { stepId: step.id, vw, vh, spot, rings, card: at, placement };
}

const near = (a: number, b: number) => Math.abs(a - b) < 0.25;
const sameBox = (a: Box | null, b: Box | null) =>
  a === b ||
  (a !== null &&
    b !== null &&
    near(a.left, b.left) &&
    near(a.top, b.top) &&
    near(a.width, b.width) &&
    near(a.height, b.height));

export function sameLayout(a: Layout, b: Layout): boolean {
  return (
    a.stepId === b.stepId &&
    a.vw === b.vw &&
    a.vh === b.vh &&
    a.placement === b.placement &&
    near(a.card.left, b.card.left) &&
    near(a.card.top, b.card.top) &&
    sameBox(a.spot, b.spot) &&
    a.rings.length === b.rings.length &&
    a.rings.every((r, i) => sameBox(r, b.rings[i]))
  );
}

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/**
 * Brings the step's targets into view (unless they already are), below the sticky header. A
 * target too wide for the card beside it is scrolled so that the card fits above or below it.
 */
export function scrollToStep(step: TourStep, card: HTMLElement | null): void {
  const run = () => scrollNow(step, card);
  if (inFlight) queued = run;
  else run();
}

/** Forgets a step's scroll still waiting for an earlier one (its step was left or the tour closed). */
export function dropQueuedScroll(): void {
  queued = null;
}

/**
 * Our smooth scroll toward an earlier step, while it runs. A step shown meanwhile (arrow keys
 * pressed quickly) waits for it: measured mid-flight its targets may look "already in view" and
 * then be carried away by the scroll still running (the flaky tour test of stop 15).
 */
let inFlight: Promise<void> | null = null;
let queued: (() => void) | null = null;

function scrollSettled(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      document.removeEventListener('scrollend', done, true);
      resolve();
    };
    // No scrollend comes when nothing had to move; the timeout covers that (and old browsers).
    const timer = setTimeout(done, 1200);
    document.addEventListener('scrollend', done, true);
  });
}

function smoothScrollStarted(): void {
  inFlight = scrollSettled().then(() => {
    inFlight = null;
    const next = queued;
    queued = null;
    next?.();
  });
}

function scrollNow(step: TourStep, card: HTMLElement | null): void {
  const els = step.targets.map(elementFor).filter((e): e is Element => e !== null);
  const box = union(step.targets.map(boxFor).filter((b): b is Box => b !== null));
  if (els.length === 0 || !box) return;
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const head = document.querySelector('.app-head')?.getBoundingClientRect().bottom ?? 0;
  const behavior: ScrollBehavior = reducedMotion() ? 'auto' : 'smooth';
  const cw = card?.offsetWidth ?? 340;
  const ch = card?.offsetHeight ?? 240;
  const hole = grow(box, PAD);
  const besideFits = right(hole) + GAP + cw <= vw - MARGIN || hole.left - GAP - cw >= MARGIN;
  if (!besideFits) {
    // Target tops (viewport y) that leave room for the card above, or below, the spotlight.
    const above = MARGIN + ch + GAP + PAD;
    const below = Math.max(head, MARGIN) + PAD;
    const fits = (top: number, cardBelow: boolean) =>
      cardBelow ? top + box.height + PAD + GAP + ch <= vh - MARGIN : top >= above && top + box.height + PAD <= vh;
    const order: [number, boolean][] =
      step.placement === 'bottom'
        ? [
            [below, true],
            [above, false],
          ]
        : [
            [above, false],
            [below, true],
          ];
    if (order.some(([, cardBelow]) => fits(box.top, cardBelow) && box.top >= head + PAD)) return;
    const spot = order.find(([top, cardBelow]) => fits(top, cardBelow));
    if (spot) {
      window.scrollBy({ top: box.top - spot[0], behavior });
      if (behavior === 'smooth') smoothScrollStarted();
      return;
    }
  }
  if (box.top >= head + PAD && bottom(box) <= vh - PAD) return;
  const tall = box.height > vh - head - 4 * PAD;
  // The scroll margin (tour.css) keeps a target that is scrolled to the top below the header.
  document.documentElement.style.setProperty('--tour-scroll-top', `${Math.round(head + 2 * PAD)}px`);
  els[0].scrollIntoView({ block: tall ? 'start' : 'center', inline: 'nearest', behavior });
  if (behavior === 'smooth') smoothScrollStarted();
}
