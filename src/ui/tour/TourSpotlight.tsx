/**
 * The overlay's dimming with a hole over the step's targets, the spotlight outline and the rings
 * around the extras. Pointer events pass through all of it (tour.css), so what a step talks
 * about stays usable.
 */
import type { JSX } from 'react';
import { grow, intersect, PAD, type Box } from './tourGeometry';
import type { Layout } from './tourLayout';

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

const boxStyle = (b: Box) => ({ left: b.left, top: b.top, width: b.width, height: b.height });

/** `current` is the layout of the step on show, or null before it is measured (the page is dimmed whole). */
export function TourSpotlight({ current }: { current: Layout | null }): JSX.Element {
  const spot = current?.spot ?? null;
  // Holes for the spotlight and the outlined extras; an extra that overlaps an earlier hole
  // would punch it out twice (filled again under the nonzero rule), so it stays dimmed.
  const holes: Box[] = [];
  for (const b of spot ? [spot, ...(current?.rings ?? [])] : []) {
    const h = grow(b, PAD);
    if (holes.every((o) => !intersect(o, h))) holes.push(h);
  }
  return (
    <>
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
    </>
  );
}
