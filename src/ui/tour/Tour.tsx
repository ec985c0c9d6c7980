/**
 * The guided tour: a spotlight that dims the page except the step's target panel, and a card
 * next to it with the step's text. Purely an overlay (pointer-events pass through the dimming),
 * so the panel and the slider a step talks about stay usable while it is open.
 */
import { useEffect, useId, useRef, useState, type JSX, type ReactNode } from 'react';
import './tour.css';
import { testIdSelector, tourSteps, type TourPlacement, type TourStep } from './tourSteps';
import { useTour } from './tourStore';

/** Spotlight hole beyond the target's box, gap between hole and card, card to viewport edge (px). */
const PAD = 6;
const GAP = 12;
const MARGIN = 12;

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

type CardPlacement = TourPlacement | 'center' | 'over';

interface Layout {
  stepId: string;
  vw: number;
  vh: number;
  /** The union of the targets' boxes, exactly (the hole is PAD larger). */
  spot: Box | null;
  rings: Box[];
  card: { left: number; top: number };
  placement: CardPlacement;
}

const right = (b: Box) => b.left + b.width;
const bottom = (b: Box) => b.top + b.height;

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

function union(boxes: Box[]): Box | null {
  if (boxes.length === 0) return null;
  const l = Math.min(...boxes.map((b) => b.left));
  const t = Math.min(...boxes.map((b) => b.top));
  return { left: l, top: t, width: Math.max(...boxes.map(right)) - l, height: Math.max(...boxes.map(bottom)) - t };
}

const grow = (b: Box, by: number): Box => ({
  left: b.left - by,
  top: b.top - by,
  width: b.width + 2 * by,
  height: b.height + 2 * by,
});

function intersect(a: Box, b: Box): Box | null {
  const l = Math.max(a.left, b.left);
  const t = Math.max(a.top, b.top);
  const r = Math.min(right(a), right(b));
  const btm = Math.min(bottom(a), bottom(b));
  return r > l && btm > t ? { left: l, top: t, width: r - l, height: btm - t } : null;
}

const overlap = (a: Box, b: Box): number => {
  const i = intersect(a, b);
  return i ? i.width * i.height : 0;
};

/** Next to the visible part of the spotlight when the card fits there, else over the page where it hides least of it. */
function placeCard(
  spot: Box | null,
  cw: number,
  ch: number,
  vw: number,
  vh: number,
  preferred?: TourPlacement,
): { left: number; top: number; placement: CardPlacement } {
  const clampX = (x: number) => Math.max(MARGIN, Math.min(vw - cw - MARGIN, x));
  const clampY = (y: number) => Math.max(MARGIN, Math.min(vh - ch - MARGIN, y));
  const centre = { left: clampX((vw - cw) / 2), top: clampY((vh - ch) / 2), placement: 'center' as const };
  const v = spot ? intersect(grow(spot, PAD), { left: 0, top: 0, width: vw, height: vh }) : null;
  if (!v) return centre;
  const tries: Record<TourPlacement, () => { left: number; top: number } | null> = {
    right: () => (right(v) + GAP + cw <= vw - MARGIN ? { left: right(v) + GAP, top: clampY(v.top) } : null),
    left: () => (v.left - GAP - cw >= MARGIN ? { left: v.left - GAP - cw, top: clampY(v.top) } : null),
    bottom: () => (bottom(v) + GAP + ch <= vh - MARGIN ? { left: clampX(v.left), top: bottom(v) + GAP } : null),
    top: () => (v.top - GAP - ch >= MARGIN ? { left: clampX(v.left), top: v.top - GAP - ch } : null),
  };
  const order: TourPlacement[] = [preferred ?? 'right', 'right', 'left', 'bottom', 'top'];
  for (const p of order) {
    const at = tries[p]();
    if (at) return { ...at, placement: p };
  }
  const corners = [
    { left: vw - cw - MARGIN, top: vh - ch - MARGIN },
    { left: MARGIN, top: vh - ch - MARGIN },
    { left: vw - cw - MARGIN, top: MARGIN },
    { left: MARGIN, top: MARGIN },
  ].map((c) => ({ left: clampX(c.left), top: clampY(c.top) }));
  let best = corners[0];
  for (const c of corners)
    if (overlap({ ...c, width: cw, height: ch }, v) < overlap({ ...best, width: cw, height: ch }, v)) best = c;
  return { ...best, placement: 'over' };
}

function measure(step: TourStep, card: HTMLElement | null): Layout {
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

function sameLayout(a: Layout, b: Layout): boolean {
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

/**
 * The dimming as one path: the viewport clockwise, each hole a rounded rectangle
 * counter-clockwise, filled with the nonzero rule (no mask or filter to re-rasterise per frame).
 */
function dimPath(vw: number, vh: number, holes: Box[]): string {
  const f = (v: number) => Math.round(v * 100) / 100;
  const parts = [`M0 0H${vw}V${vh}H0Z`];
  for (const h of holes) {
    const r = Math.min(10, h.width / 2, h.height / 2);
    parts.push(
      `M${f(h.left + r)} ${f(h.top)}a${r} ${r} 0 0 0 ${-r} ${r}V${f(h.top + h.height - r)}a${r} ${r} 0 0 0 ${r} ${r}` +
        `H${f(h.left + h.width - r)}a${r} ${r} 0 0 0 ${r} ${-r}V${f(h.top + r)}a${r} ${r} 0 0 0 ${-r} ${-r}Z`,
    );
  }
  return parts.join('');
}

/** `_{…}` → subscript, `^{…}` → superscript. */
function rich(text: string): ReactNode[] {
  return text.split(/([_^]\{[^}]*\})/).map((part, i) => {
    const m = /^([_^])\{([^}]*)\}$/.exec(part);
    if (!m) return part;
    return m[1] === '_' ? <sub key={i}>{m[2]}</sub> : <sup key={i}>{m[2]}</sup>;
  });
}

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/**
 * Brings the step's targets into view (unless they already are), below the sticky header. A
 * target too wide for the card beside it is scrolled so that the card fits above or below it.
 */
function scrollToStep(step: TourStep, card: HTMLElement | null): void {
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
      return;
    }
  }
  if (box.top >= head + PAD && bottom(box) <= vh - PAD) return;
  const tall = box.height > vh - head - 4 * PAD;
  // The scroll margin (tour.css) keeps a target that is scrolled to the top below the header.
  document.documentElement.style.setProperty('--tour-scroll-top', `${Math.round(head + 2 * PAD)}px`);
  els[0].scrollIntoView({ block: tall ? 'start' : 'center', inline: 'nearest', behavior });
}

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

function TourOverlay(): JSX.Element {
  const index = useTour((s) => s.index);
  const next = useTour((s) => s.next);
  const back = useTour((s) => s.back);
  const skip = useTour((s) => s.skip);
  const goTo = useTour((s) => s.goTo);
  const step = tourSteps[index];
  const last = index === tourSteps.length - 1;
  const cardRef = useRef<HTMLDivElement | null>(null);
  const nextRef = useRef<HTMLButtonElement | null>(null);
  const [layout, setLayout] = useState<Layout | null>(null);
  const titleId = `tour-title-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  // While open: the class that enables the scroll margin (tour.css); focus returned on close.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    document.documentElement.classList.add('tour-open');
    return () => {
      document.documentElement.classList.remove('tour-open');
      document.documentElement.style.removeProperty('--tour-scroll-top');
      if (before?.isConnected) before.focus({ preventScroll: true });
    };
  }, []);

  // Keys in the capture phase, before any app shortcut sees them.
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

  // Each step: bring its panel into view and put the keyboard on Next.
  useEffect(() => {
    scrollToStep(step, cardRef.current);
    nextRef.current?.focus({ preventScroll: true });
  }, [step]);

  // Follow the targets every frame: scrolling (also smooth scrolling and the controls' own
  // scroll box), resizing and panels that appear or change size.
  useEffect(() => {
    let raf = requestAnimationFrame(function tick() {
      const now = measure(step, cardRef.current);
      setLayout((prev) => (prev && sameLayout(prev, now) ? prev : now));
      raf = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(raf);
  }, [step]);

  const current = layout?.stepId === step.id ? layout : null;
  const missing = current !== null && step.targets.length > 0 && current.spot === null;
  const spot = current?.spot ?? null;
  // Holes for the spotlight and the outlined extras; an extra that overlaps an earlier hole
  // would punch it out twice (filled again under the nonzero rule), so it stays dimmed.
  const holes: Box[] = [];
  for (const b of spot ? [spot, ...(current?.rings ?? [])] : []) {
    const h = grow(b, PAD);
    if (holes.every((o) => !intersect(o, h))) holes.push(h);
  }
  const boxStyle = (b: Box) => ({ left: b.left, top: b.top, width: b.width, height: b.height });

  return (
    <div className="tour-root">
      {spot && current ? (
        <svg className="tour-dim" width={current.vw} height={current.vh} aria-hidden="true">
          <path className="tour-dim-fill" fillRule="nonzero" d={dimPath(current.vw, current.vh, holes)} />
        </svg>
      ) : (
        <div className="tour-dim tour-dim-full" aria-hidden="true" />
      )}
      {spot ? <div className="tour-spot" data-testid="tour-spotlight" style={boxStyle(spot)} /> : null}
      {spot
        ? current?.rings.map((r, i) => (
            <div key={i} className="tour-ring" data-testid="tour-ring" style={boxStyle(r)} />
          ))
        : null}
      <div
        ref={cardRef}
        className="tour-card"
        role="dialog"
        aria-modal="false"
        aria-labelledby={titleId}
        data-testid="tour-card"
        data-step={step.id}
        data-placement={layout?.placement ?? 'center'}
        style={
          layout
            ? { left: layout.card.left, top: layout.card.top }
            : { left: '50%', top: '50%', transform: 'translate(-50%, -50%)', visibility: 'hidden' }
        }
      >
        <div className="tour-progress">
          <span data-testid="tour-progress">
            Step {index + 1} of {tourSteps.length}
          </span>
          <span className="tour-dots">
            {tourSteps.map((s, i) => (
              <button
                key={s.id}
                type="button"
                className={`tour-dot ${i === index ? 'current' : i < index ? 'done' : ''}`}
                aria-label={`Go to step ${i + 1}: ${s.title.replace(/[_^]\{([^}]*)\}/g, '$1')}`}
                aria-current={i === index ? 'step' : undefined}
                title={`${i + 1}. ${s.title.replace(/[_^]\{([^}]*)\}/g, '$1')}`}
                onClick={() => goTo(i)}
              />
            ))}
          </span>
        </div>
        <h2 id={titleId}>{rich(step.title)}</h2>
        <p className="tour-text">{rich(step.text)}</p>
        {missing ? (
          <p className="tour-missing" data-testid="tour-missing">
            <strong>Not on the page right now.</strong> This step points at{' '}
            {rich(step.missing ?? 'a panel that is not shown.')}
          </p>
        ) : null}
        <div className="tour-actions">
          <button
            type="button"
            className="tour-skip"
            data-testid="tour-skip"
            onClick={skip}
            title="Close the tour; “Resume tour” continues here (Esc)"
          >
            Skip tour
          </button>
          <span className="tour-spacer" />
          <button type="button" data-testid="tour-back" disabled={index === 0} onClick={back} title="Previous step (←)">
            Back
          </button>
          <button
            type="button"
            ref={nextRef}
            className="primary"
            data-testid="tour-next"
            onClick={next}
            title={last ? 'Finish the tour' : 'Next step (→)'}
          >
            {last ? 'Finish' : 'Next'}
          </button>
        </div>
        <p className="tour-keys">Esc skips · ← → navigate</p>
      </div>
    </div>
  );
}

/** The tour overlay, when the tour is open. */
export function Tour(): JSX.Element | null {
  const active = useTour((s) => s.active);
  return active ? <TourOverlay /> : null;
}

/** Header button: "Tour", or "Tour k/N" (resume) when an unfinished tour is saved; short, so the header stays one row. */
export function TourButton(): JSX.Element {
  const saved = useTour((s) => s.saved);
  const start = useTour((s) => s.start);
  const label = saved !== null ? `Tour ${saved + 1}/${tourSteps.length}` : 'Tour';
  const title =
    saved !== null
      ? `Resume the guided tour at step ${saved + 1} of ${tourSteps.length}`
      : 'A guided tour of Fig. 1–2, Eq. 9–12 and Algorithm 1';
  return (
    <button type="button" className="tour-button" data-testid="btn-tour" onClick={start} title={title}>
      {label}
    </button>
  );
}
