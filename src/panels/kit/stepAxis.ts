/**
 * The training-step x axis of the history panels (main vs bias, loss and metrics, the stage
 * schedule), with the stage-2 band and the dashed rule at the step where the Balance loss switched.
 */
import * as d3 from 'd3';
import { stepTicks, styleAxis } from './axes';
import { colors, INK, MUTED, PANEL_FONT, STAGE2_BAND } from './theme';

type G = d3.Selection<SVGGElement, unknown, null, undefined>;
type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;

/** Empties a chart's <svg> for a redraw. */
export function clearChart(svgEl: SVGSVGElement): Svg {
  const svg = d3.select(svgEl);
  svg.selectAll('*').remove();
  return svg;
}

/** The panels' text defaults on the <svg>, inherited by every label (set once a chart has room to draw). */
export function setChartText(svg: Svg): void {
  svg.attr('font-family', PANEL_FONT).attr('font-size', 12).attr('fill', INK);
}

/** Steps s0…s1 onto 0…width; a single step gets one step of room either side so it has an axis. */
export function stepScale([s0, s1]: [number, number], width: number): d3.ScaleLinear<number, number> {
  return d3
    .scaleLinear()
    .domain(s0 === s1 ? [s0 - 1, s1 + 1] : [s0, s1])
    .range([0, width]);
}

/** x of the stage switch, or null when the run has not switched or the switch lies off the axis. */
export function switchX(x: d3.ScaleLinear<number, number>, switchedAt: number | null): number | null {
  const [lo, hi] = x.domain();
  return switchedAt !== null && switchedAt >= lo && switchedAt <= hi ? x(switchedAt) : null;
}

/**
 * The bottom step axis of a plot `height` tall, whole-number ticks. Stacked plots share one set of
 * tick labels (`labelled` on the lowest only), which also carries the "step" caption `captionY` below.
 */
export function drawStepAxis(
  g: G,
  x: d3.ScaleLinear<number, number>,
  width: number,
  height: number,
  { captionY, labelled = true }: { captionY: number; labelled?: boolean },
): void {
  const axis = g
    .append('g')
    .attr('transform', `translate(0,${height})`)
    .call(
      d3
        .axisBottom(x)
        .tickValues(stepTicks(x, width))
        .tickFormat(labelled ? d3.format('~d') : () => ''),
    );
  styleAxis(axis);
  if (!labelled) return;
  g.append('text')
    .attr('x', width)
    .attr('y', height + captionY)
    .attr('text-anchor', 'end')
    .attr('fill', MUTED)
    .text('step');
}

/** The stage-2 background from the switch to the right edge (drawn under the grid). */
export function drawStage2Band(g: G, sx: number, width: number, height: number): void {
  g.append('rect')
    .attr('x', sx)
    .attr('width', width - sx)
    .attr('height', height)
    .attr('fill', STAGE2_BAND);
}

/** The dashed rule at the switch, from `top` (above the plot when it carries a label) down to the axis. */
export function drawSwitchRule(g: G, sx: number, top: number, height: number): void {
  g.append('line')
    .attr('x1', sx)
    .attr('x2', sx)
    .attr('y1', top)
    .attr('y2', height)
    .attr('stroke', colors.threshold)
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', '4 3');
}

/** The switch rule's label, `gap` px right of it, or left of it when it would run past the right edge. */
export function drawSwitchLabel(
  g: G,
  sx: number,
  width: number,
  label: { text: string; y: number; gap: number; room: number },
): void {
  const left = sx > width - label.room;
  g.append('text')
    .attr('x', left ? sx - label.gap : sx + label.gap)
    .attr('y', label.y)
    .attr('text-anchor', left ? 'end' : 'start')
    .attr('font-weight', 600)
    .text(label.text);
}
