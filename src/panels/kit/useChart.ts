/** The plumbing every d3 panel repeats: a measured box, the <svg> to draw into, and stable callbacks. */
import { useEffect, useRef, type RefObject } from 'react';
import { useSize } from './useSize';

export interface Chart<T extends HTMLElement> {
  /** Callback ref for the box whose width the chart follows. */
  boxRef: (el: T | null) => void;
  svgRef: RefObject<SVGSVGElement | null>;
  size: { width: number; height: number };
}

export function useChart<T extends HTMLElement = HTMLDivElement>(): Chart<T> {
  const [boxRef, size] = useSize<T>();
  const svgRef = useRef<SVGSVGElement>(null);
  return { boxRef, svgRef, size };
}

/**
 * The latest value in a ref: d3 handlers bound at draw time call through it, so a new callback
 * from the parent (e.g. a hover setter) does not force a redraw.
 */
export function useLatest<V>(value: V): RefObject<V> {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}
