import * as d3 from 'd3';
import { useEffect } from 'react';
import type { LossId } from '../../core/lossInfo';
import { Panel } from '../../panels/Panel';
import { useChart } from '../../panels/kit/useChart';
import { inSeries, SERIES_DASH, seriesIn, seriesKey, seriesLabel, type Series } from '../../experiments/series';
import type { SummaryRow } from '../../experiments/types';

/** One colour per registered loss (Okabe–Ito plus black and grey), the same in every sweep. */
export const LOSS_COLORS: Record<LossId, string> = {
  balance: '#D55E00',
  intra: '#CC79A7',
  inter: '#E69F00',
  bce: '#0072B2',
  wce: '#56B4E9',
  dice: '#009E73',
  tversky: '#888888',
  focal: '#222222',
};

const METRICS = [
  { key: 'dice', label: 'Dice (p > 0.5)' },
  { key: 'recall', label: 'Recall (p > 0.5)' },
] as const;

const HEIGHT = 260;
const M = { top: 22, right: 12, bottom: 38, left: 40 };

type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;
type G = d3.Selection<SVGGElement, unknown, null, undefined>;
type Metric = (typeof METRICS)[number];

/** A legend swatch: a bar of the series colour, or a dashed line like its plot line for an overridden switch. */
function Swatch({ s }: { s: Series }) {
  const color = LOSS_COLORS[s.loss];
  const dash = s.switch ? SERIES_DASH[s.switch] : null;
  if (!dash) return <i style={{ background: color }} />;
  // A border, not an inline <svg>: the panel's PNG export lays out plain boxes the same way.
  return <i style={{ height: 0, borderTop: `3px ${s.switch === 'never' ? 'dotted' : 'dashed'} ${color}` }} />;
}

/** The legend entry of a series: its colour, its dash for an overridden switch, and its name. */
export function SeriesLegend({ series }: { series: readonly Series[] }) {
  return (
    <div className="experiment-legend">
      {series.map((s) => (
        <span key={seriesKey(s)} data-testid={`experiment-legend-${seriesKey(s)}`}>
          <Swatch s={s} /> {seriesLabel(s)}
        </span>
      ))}
    </div>
  );
}

/** Dice and recall against b/f on a log axis, one line per series, error bars ± 1 sd over seeds. */
export function ExperimentPlot({
  summary,
  losses,
  ratios,
}: {
  summary: readonly SummaryRow[];
  losses: readonly LossId[];
  ratios: readonly number[];
}) {
  const { boxRef, svgRef, size } = useChart();
  const { width } = size;
  const series = seriesIn(losses, summary);
  useEffect(() => {
    if (svgRef.current) drawExperimentPlot(svgRef.current, width, summary, seriesIn(losses, summary), ratios);
  }, [svgRef, width, summary, losses, ratios]);
  return (
    <Panel title="Dice and recall against imbalance (mean ± sd over seeds)" testId="experiment-plot">
      <div ref={boxRef} style={{ width: '100%' }}>
        <svg
          ref={svgRef}
          width={width}
          height={HEIGHT}
          role="img"
          aria-label="Dice and recall against the imbalance ratio, one line per loss"
        />
      </div>
      <SeriesLegend series={series} />
    </Panel>
  );
}

/** One facet per metric side by side, sharing the ratio and score scales. */
function drawExperimentPlot(
  svgEl: SVGSVGElement,
  width: number,
  summary: readonly SummaryRow[],
  series: readonly Series[],
  ratios: readonly number[],
): void {
  const svg = d3.select(svgEl);
  svg.selectAll('*').remove();
  if (width <= 0 || ratios.length === 0) return;
  const facetW = width / METRICS.length;
  const lo = Math.min(...ratios);
  const hi = Math.max(...ratios);
  // A single ratio still gets an axis: widen the domain around it.
  const x = d3
    .scaleLog()
    .domain(lo === hi ? [lo / 2, hi * 2] : [lo / 1.3, hi * 1.3])
    .range([M.left, facetW - M.right]);
  const y = d3
    .scaleLinear()
    .domain([0, 1])
    .range([HEIGHT - M.bottom, M.top]);
  METRICS.forEach((metric, i) => {
    const g = drawFacetFrame(svg, metric, i * facetW, facetW, x, y, ratios);
    series.forEach((s, k) => {
      const rows = summary.filter((r) => inSeries(r, s)).sort((a, b) => a.ratio - b.ratio);
      // A small sideways offset per series keeps overlapping error bars apart.
      const dx = (k - (series.length - 1) / 2) * 3;
      const group = g.append('g').attr('data-loss', seriesKey(s));
      drawLossMarks(group, rows, metric, (r) => x(r.ratio) + dx, y, LOSS_COLORS[s.loss]);
      if (s.switch && SERIES_DASH[s.switch]) group.select('path').attr('stroke-dasharray', SERIES_DASH[s.switch]);
    });
  });
}

/** The facet's group at `left`, with its ratio and score axes, title and axis caption. */
function drawFacetFrame(
  svg: Svg,
  metric: Metric,
  left: number,
  facetW: number,
  x: d3.ScaleLogarithmic<number, number>,
  y: d3.ScaleLinear<number, number>,
  ratios: readonly number[],
): G {
  const g = svg.append('g').attr('transform', `translate(${left},0)`).attr('data-metric', metric.key);
  g.append('g')
    .attr('transform', `translate(0,${HEIGHT - M.bottom})`)
    .call(
      d3
        .axisBottom(x)
        .tickValues([...ratios])
        .tickFormat((d) => `1:${d}`),
    );
  g.append('g').attr('transform', `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(5));
  g.append('text').attr('x', M.left).attr('y', 14).attr('font-size', 12).attr('font-weight', 600).text(metric.label);
  g.append('text')
    .attr('x', (M.left + facetW - M.right) / 2)
    .attr('y', HEIGHT - 6)
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .text('imbalance f:b (log scale)');
  return g;
}

/** One loss in a facet: the line through its means, an error bar of ± 1 sd and a dot per ratio. */
function drawLossMarks(
  line: G,
  rows: SummaryRow[],
  metric: Metric,
  px: (r: SummaryRow) => number,
  y: d3.ScaleLinear<number, number>,
  color: string,
): void {
  line
    .append('path')
    .attr('fill', 'none')
    .attr('stroke', color)
    .attr('stroke-width', 2)
    .attr(
      'd',
      d3
        .line<SummaryRow>()
        .x(px)
        .y((r) => y(r[metric.key].mean))(rows),
    );
  for (const r of rows) {
    const { mean, sd } = r[metric.key];
    line
      .append('line')
      .attr('x1', px(r))
      .attr('x2', px(r))
      .attr('y1', y(Math.max(0, mean - sd)))
      .attr('y2', y(Math.min(1, mean + sd)))
      .attr('stroke', color)
      .attr('stroke-width', 1.2);
    line.append('circle').attr('cx', px(r)).attr('cy', y(mean)).attr('r', 3).attr('fill', color);
  }
}
