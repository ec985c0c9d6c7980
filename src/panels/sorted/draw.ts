/** Draws one sorted-predictions chart: layout, then the cached static frame, then the layers that follow t and ε. */
import * as d3 from 'd3';
import { legendShape, renderLegend, updateLegend } from '../kit/legend';
import { drawAreas } from './areas';
import { buildFrame, frameKey, type Frame } from './frame';
import { sortedLayout, type SortedLayout } from './layout';
import { drawThresholdMarks } from './threshold';
import type { ChartInput, Hover } from './types';

const frames = new WeakMap<SVGSVGElement, Frame>();

/** The svg's frame for this drawing: the cached one, or a new one (after clearing the svg) when its key or the values changed. */
function currentFrame(svg: SVGSVGElement, input: ChartInput, l: SortedLayout): Frame {
  const cached = frames.get(svg);
  if (cached && cached.key === frameKey(input, l) && cached.sorted === input.sorted) return cached;
  const root = d3.select(svg);
  root.selectAll('*').remove();
  const frame = buildFrame(root, input, l);
  frames.set(svg, frame);
  return frame;
}

/**
 * The legend, redrawn only when its text or layout changed (its values move with t, not always);
 * when only its numbers and positions changed, updated in place.
 */
function drawLegend(frame: Frame, l: SortedLayout, hover: Hover): void {
  const key = JSON.stringify([l.items, l.legend.pos, l.legend.lines]);
  if (frame.legendKey === key) return;
  frame.legendKey = key;
  const shape = legendShape(l.items, l.legend.lines);
  if (frame.legendShape === shape) {
    updateLegend(frame.legend, l.legend.pos, l.legend.lines);
    return;
  }
  frame.legendShape = shape;
  frame.legend.selectAll('*').remove();
  renderLegend(frame.legend, l.items, l.legend.pos, l.legend.lines, hover);
}

export function drawSortedChart(svg: SVGSVGElement, input: ChartInput, hover: Hover): void {
  if (input.width <= 0 || input.height <= 0 || input.sorted.length === 0) {
    d3.select(svg).selectAll('*').remove();
    frames.delete(svg);
    return;
  }
  const l = sortedLayout(input);
  const frame = currentFrame(svg, input, l);
  drawLegend(frame, l, hover);
  drawAreas(frame.areas, input, l, hover);
  drawThresholdMarks(frame.marks, input, l);
}
