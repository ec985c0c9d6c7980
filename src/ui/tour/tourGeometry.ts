/**
 * Box arithmetic of the tour overlay and where its card goes: pure functions of boxes in viewport
 * pixels, no DOM (tourLayout.ts measures the page and feeds them).
 */
import type { TourPlacement } from './tourSteps';

/** Spotlight hole beyond the target's box, gap between hole and card, card to viewport edge (px). */
export const PAD = 6;
export const GAP = 12;
export const MARGIN = 12;

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type CardPlacement = TourPlacement | 'center' | 'over';

export const right = (b: Box) => b.left + b.width;
export const bottom = (b: Box) => b.top + b.height;

export function union(boxes: Box[]): Box | null {
  if (boxes.length === 0) return null;
  const l = Math.min(...boxes.map((b) => b.left));
  const t = Math.min(...boxes.map((b) => b.top));
  return { left: l, top: t, width: Math.max(...boxes.map(right)) - l, height: Math.max(...boxes.map(bottom)) - t };
}

export const grow = (b: Box, by: number): Box => ({
  left: b.left - by,
  top: b.top - by,
  width: b.width + 2 * by,
  height: b.height + 2 * by,
});

export function intersect(a: Box, b: Box): Box | null {
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
export function placeCard(
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
