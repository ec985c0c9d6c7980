/** The curve of sorted values and the main/bias areas under it (Fig. 2), with ε's scaled rest. */
import * as d3 from 'd3';
import { colors, INK } from '../kit/theme';
import type { TermId } from '../types';
import { SUMS } from './captions';
import type { SortedLayout } from './layout';
import { sampleRanks, stepSegment, type CurvePoint } from './sampling';
import type { ChartInput, G, Hover } from './types';

interface AreaSpec {
  /** Ranks r0..r1 (nothing when r1 < r0). */
  r0: number;
  r1: number;
  color: string;
  opacity: number;
  terms: TermId[];
  hoverTerm: TermId;
  /** ε for the weighted rest; 1 otherwise. */
  scale?: number;
}

/** Opacity of the part of an area that ε scales down (drawn again, scaled, on top). */
const FADED = 0.22;

/** The areas in drawing order: main, bias, and with ε the hard set H (ranks 1..f) apart from the scaled rest. */
function areaSpecs(l: SortedLayout, eps: number | null): AreaSpec[] {
  const { n, hard, fRank } = l;
  const { main, bias } = SUMS[l.side];
  if (!l.weighted)
    return [
      { r0: 1, r1: hard, color: main.color, opacity: 0.9, terms: main.terms, hoverTerm: main.value },
      { r0: hard + 1, r1: n, color: bias.color, opacity: 0.8, terms: bias.terms, hoverTerm: bias.value },
    ];
  // H = ranks 1..f keeps weight 1; E = ranks > f is drawn faded: ε scales it down to the dashed curve.
  const w = eps ?? 1;
  const restStart = Math.max(hard, fRank) + 1;
  return [
    {
      r0: 1,
      r1: Math.min(hard, fRank),
      color: colors.fpMain,
      opacity: 0.9,
      terms: ['fpMain', 'fpMainW'],
      hoverTerm: 'fpMain',
    },
    { r0: fRank + 1, r1: hard, color: colors.fpMain, opacity: FADED, terms: ['fpMain'], hoverTerm: 'fpMain' },
    { r0: hard + 1, r1: fRank, color: colors.fpBias, opacity: 0.8, terms: ['fpBias', 'fpBiasW'], hoverTerm: 'fpBias' },
    { r0: restStart, r1: n, color: colors.fpBias, opacity: FADED, terms: ['fpBias'], hoverTerm: 'fpBias' },
    {
      r0: fRank + 1,
      r1: hard,
      color: colors.weighted,
      opacity: 0.75,
      terms: ['fpMainW'],
      hoverTerm: 'fpMainW',
      scale: w,
    },
    { r0: restStart, r1: n, color: colors.weighted, opacity: 0.55, terms: ['fpBiasW'], hoverTerm: 'fpBiasW', scale: w },
  ];
}

/** Step-after area (down to the axis) and line generators over curve points. */
function stepGenerators({ x, y, plotH }: SortedLayout) {
  const areaGen = d3
    .area<CurvePoint>()
    .x((pt) => x(pt[0]))
    .y0(plotH)
    .y1((pt) => y(pt[1]))
    .curve(d3.curveStepAfter);
  const lineGen = d3
    .line<CurvePoint>()
    .x((pt) => x(pt[0]))
    .y((pt) => y(pt[1]))
    .curve(d3.curveStepAfter);
  return { areaGen, lineGen };
}

/** Redraws the areas, the curve and (with ε) the dashed ε·p curve past rank f into `areas`. */
export function drawAreas(areas: G, { sorted, eps }: ChartInput, l: SortedLayout, hover: Hover): void {
  const { n, fRank } = l;
  const special = [l.hard, l.hard + 1];
  if (l.fp) special.push(fRank, fRank + 1);
  const ranks = sampleRanks(n, l.x, l.plotW, special);
  const segment = (r0: number, r1: number, scale = 1) => stepSegment(ranks, sorted, r0, r1, scale);
  const { areaGen, lineGen } = stepGenerators(l);

  areas.selectAll('*').remove();
  for (const a of areaSpecs(l, eps)) {
    if (a.r1 < a.r0) continue;
    areas
      .append('path')
      .attr('d', areaGen(segment(a.r0, a.r1, a.scale)))
      .attr('fill', a.color)
      .attr('fill-opacity', a.opacity)
      .attr('data-terms', a.terms.join(' '))
      .on('mouseenter', () => hover(a.hoverTerm))
      .on('mouseleave', () => hover(null));
  }
  areas
    .append('path')
    .attr('d', lineGen(segment(1, n)))
    .attr('fill', 'none')
    .attr('stroke', INK)
    .attr('stroke-width', 1.5)
    .attr('pointer-events', 'none');
  if (l.weighted) {
    areas
      .append('path')
      .attr('d', lineGen(segment(fRank + 1, n, eps ?? 1)))
      .attr('fill', 'none')
      .attr('stroke', colors.weighted)
      .attr('stroke-width', 2.5)
      .attr('stroke-dasharray', '6 4')
      .attr('data-terms', 'fpMainW fpBiasW')
      .attr('pointer-events', 'none');
  }
}
