/**
 * Term highlight for the d3 panels: hovering a term anywhere (a legend item, an equation) dims
 * every element of a chart whose data-terms does not name it.
 */
import { useLayoutEffect, useRef, type RefObject } from 'react';
import * as d3 from 'd3';
import type { TermId } from '../types';

const names = (el: Element, term: TermId): boolean => (el.getAttribute('data-terms') ?? '').split(' ').includes(term);

/** Dims to `dim` the [data-terms] elements that do not name `highlight`; no change if none names it. */
export function highlightTerms(svg: SVGSVGElement | null, highlight: TermId | null, dim: number): void {
  if (!svg) return;
  const nodes = d3.select(svg).selectAll<SVGElement, unknown>('[data-terms]');
  const active =
    highlight !== null &&
    nodes
      .filter(function () {
        return names(this, highlight);
      })
      .size() > 0;
  nodes.style('opacity', function () {
    if (!active) return null;
    return names(this, highlight as TermId) ? '1' : String(dim);
  });
}

/**
 * Applies `highlight` whenever it changes and returns it in a ref, for the draw effect to apply
 * again after a redraw (new elements start undimmed).
 */
export function useTermHighlight(
  svgRef: RefObject<SVGSVGElement | null>,
  highlight: TermId | null,
  dim: number,
): RefObject<TermId | null> {
  const ref = useRef(highlight);
  useLayoutEffect(() => {
    ref.current = highlight;
    highlightTerms(svgRef.current, highlight, dim);
  }, [svgRef, highlight, dim]);
  return ref;
}
