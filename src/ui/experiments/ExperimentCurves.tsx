import * as d3 from 'd3';
import { useEffect } from 'react';
import type { LossId } from '../../core/lossInfo';
import { meanCurve, switchSteps, type MeanCurvePoint } from '../../experiments/curves';
import { SERIES_DASH, seriesIn, seriesKey, type Series } from '../../experiments/series';
import type { RunResult } from '../../experiments/types';
import { Panel } from '../../panels/Panel';
import { useChart } from '../../panels/kit/useChart';
import { LOSS_COLORS, SeriesLegend } from './ExperimentPlot';

const HEIGHT = 250;
const M = { top: 22, right: 18, bottom: 38, left: 40 };

type G = d3.Selection<SVGGElement, unknown, null, undefined>;

/**
 * Validation Dice (p > 0.5) over training, one facet per ratio and one line per series: the mean
 * over seeds with a ± 1 sd band, and a tick at the foot of the facet for every run's switch step.
 */
export function ExperimentCurves({
  runs,
  losses,
  ratios,
  steps,
}: {
  runs: readonly RunResult[];
  losses: readonly LossId[];
  ratios: readonly number[];
  steps: number;
}) {
  const { boxRef, svgRef, size } = useChart();
  const { width } = size;
  const series = seriesIn(losses, runs);
  useEffect(() => {
    if (svgRef.current) drawCurves(svgRef.current, width, runs, seriesIn(losses, runs), ratios, steps);
  }, [svgRef, width, runs, losses, ratios, steps]);
  if (!runs.some((r) => r.curve.length > 0)) return null;
  return (
    <Panel title="Validation Dice over training (mean ± sd over seeds; ticks: switch steps)" testId="experiment-curves">
      <div ref={boxRef} style={{ width: '100%' }}>
        <svg
          ref={svgRef}
          width={width}
          height={HEIGHT}
          role="img"
          aria-label="Validation Dice against the training step, one facet per imbalance ratio, one line per loss"
        />
      </div>
      <SeriesLegend series={series} />
    </Panel>
  );
}

function drawCurves(
  svgEl: SVGSVGElement,
  width: number,
  runs: readonly RunResult[],
  series: readonly Series[],
  ratios: readonly number[],
  steps: number,
): void {
  const svg = d3.select(svgEl);
  svg.selectAll('*').remove();
  if (width <= 0 || ratios.length === 0) return;
  const facetW = width / ratios.length;
  const x = d3
    .scaleLinear()
    .domain([0, steps])
    .range([M.left, facetW - M.right]);
  const y = d3
    .scaleLinear()
    .domain([0, 1])
    .range([HEIGHT - M.bottom, M.top]);
  ratios.forEach((ratio, i) => {
    const g = svg
      .append('g')
      .attr('transform', `translate(${i * facetW},0)`)
      .attr('data-ratio', ratio);
    g.append('g')
      .attr('transform', `translate(0,${HEIGHT - M.bottom})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(facetW / 70))));
    g.append('g').attr('transform', `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(5));
    g.append('text').attr('x', M.left).attr('y', 14).attr('font-size', 12).attr('font-weight', 600).text(`1:${ratio}`);
    g.append('text')
      .attr('x', (M.left + facetW - M.right) / 2)
      .attr('y', HEIGHT - 6)
      .attr('text-anchor', 'middle')
      .attr('font-size', 11)
      .text('step');
    series.forEach((s, k) => {
      const group = g.append('g').attr('data-series', seriesKey(s));
      drawSeries(group, meanCurve(runs, s, ratio), s, x, y);
      // One tick per run that switched, staggered per series so they stay apart.
      const tickY = HEIGHT - M.bottom - 4 - 5 * k;
      for (const step of switchSteps(runs, s, ratio))
        group
          .append('path')
          .attr('data-switch', step)
          .attr('d', `M${x(step)},${tickY} l-3,-5 h6 z`)
          .attr('fill', LOSS_COLORS[s.loss]);
    });
  });
}

/** The mean line and its ± 1 sd band (clamped to [0, 1]). */
function drawSeries(
  group: G,
  points: MeanCurvePoint[],
  s: Series,
  x: d3.ScaleLinear<number, number>,
  y: d3.ScaleLinear<number, number>,
): void {
  if (points.length === 0) return;
  const color = LOSS_COLORS[s.loss];
  group
    .append('path')
    .attr('fill', color)
    .attr('fill-opacity', 0.12)
    .attr(
      'd',
      d3
        .area<MeanCurvePoint>()
        .x((p) => x(p.step))
        .y0((p) => y(Math.max(0, p.mean - p.sd)))
        .y1((p) => y(Math.min(1, p.mean + p.sd)))(points),
    );
  group
    .append('path')
    .attr('fill', 'none')
    .attr('stroke', color)
    .attr('stroke-width', 2)
    .attr('stroke-dasharray', s.switch ? SERIES_DASH[s.switch] : null)
    .attr(
      'd',
      d3
        .line<MeanCurvePoint>()
        .x((p) => x(p.step))
        .y((p) => y(p.mean))(points),
    );
}
