/**
 * The curve of sorted values and the main/bias areas under it (Fig. 2), with ε's scaled rest.
 *
 * The curve does not depend on t: its area path is built once per frame (and the ε-scaled one
 * once per ε), and each main/bias area is that path clipped to its ranks. A t move then only
 * moves clip rectangles, whatever the number of ranks (issue 19: one frame per input).
 */
import * as d3 from 'd3';
import { setAttrs } from '../kit/setIfChanged';
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
  /** Under the ε-scaled curve (ranks past f) rather than the curve itself. */
  scaled?: boolean;
}

/** Opacity of the part of an area that ε scales down (drawn again, scaled, on top). */
const FADED = 0.22;

/** The areas in drawing order: main, bias, and with ε the hard set H (ranks 1..f) apart from the scaled rest. */
function areaSpecs(l: SortedLayout): AreaSpec[] {
  const { n, hard, fRank } = l;
  const { main, bias } = SUMS[l.side];
  if (!l.weighted)
    return [
      { r0: 1, r1: hard, color: main.color, opacity: 0.9, terms: main.terms, hoverTerm: main.value },
      { r0: hard + 1, r1: n, color: bias.color, opacity: 0.8, terms: bias.terms, hoverTerm: bias.value },
    ];
  // H = ranks 1..f keeps weight 1; E = ranks > f is drawn faded: ε scales it down to the dashed curve.
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
      scaled: true,
    },
    {
      r0: restStart,
      r1: n,
      color: colors.weighted,
      opacity: 0.55,
      terms: ['fpBiasW'],
      hoverTerm: 'fpBiasW',
      scaled: true,
    },
  ];
}

/** Step-after area (down to the axis) and line generators over curve points, to 0.01 px. */
function stepGenerators({ x, y, plotH }: SortedLayout) {
  const areaGen = d3
    .area<CurvePoint>()
    .x((pt) => x(pt[0]))
    .y0(plotH)
    .y1((pt) => y(pt[1]))
    .curve(d3.curveStepAfter)
    .digits(2);
  const lineGen = d3
    .line<CurvePoint>()
    .x((pt) => x(pt[0]))
    .y((pt) => y(pt[1]))
    .curve(d3.curveStepAfter)
    .digits(2);
  return { areaGen, lineGen };
}

/** The paths of one frame that t does not change: the curve's area and line, and the ε-scaled ones per ε. */
export interface CurvePaths {
  area: string;
  scaled: { eps: number; area: string; line: string } | null;
}

/** Ranks to sample: every pixel column's first and last, and rank f (where H ends) exactly. */
function curveRanks(l: SortedLayout): number[] {
  return sampleRanks(l.n, l.x, l.plotW, l.fp ? [l.fRank, l.fRank + 1] : []);
}

/** Draws the curve into `curves` (once per frame) and returns the area path the fills clip. */
export function drawCurve(curves: G, sorted: Float64Array, l: SortedLayout): CurvePaths {
  const ranks = curveRanks(l);
  const { areaGen, lineGen } = stepGenerators(l);
  const all = stepSegment(ranks, sorted, 1, l.n);
  curves
    .append('path')
    .attr('d', lineGen(all))
    .attr('fill', 'none')
    .attr('stroke', INK)
    .attr('stroke-width', 1.5)
    .attr('pointer-events', 'none');
  return { area: areaGen(all) ?? '', scaled: null };
}

/** The ε-scaled area and line past rank f, cached per ε. */
function scaledPaths(paths: CurvePaths, sorted: Float64Array, l: SortedLayout, eps: number) {
  if (paths.scaled?.eps === eps) return paths.scaled;
  const { areaGen, lineGen } = stepGenerators(l);
  const rest = stepSegment(curveRanks(l), sorted, l.fRank + 1, l.n, eps);
  paths.scaled = { eps, area: areaGen(rest) ?? '', line: lineGen(rest) ?? '' };
  return paths.scaled;
}

/** The path each element holds: a long path string is set (and parsed) only when it changes. */
const pathOf = new WeakMap<SVGPathElement, string>();
function setPath(el: SVGPathElement, d: string): void {
  if (pathOf.get(el) === d) return;
  el.setAttribute('d', d);
  pathOf.set(el, d);
}

/** Where the area layers go: the fills, the curve above them, and the clip rectangles' defs. */
export interface AreaLayers {
  fills: G;
  curves: G;
  defs: G;
  clipBase: string;
  paths: CurvePaths;
}

/** Updates the areas (clip rectangles over the frame's paths) and, with ε, the dashed ε·p curve. */
export function drawAreas(layers: AreaLayers, { sorted, eps }: ChartInput, l: SortedLayout, hover: Hover): void {
  const w = eps ?? 1;
  const scaled = l.weighted ? scaledPaths(layers.paths, sorted, l, w) : null;
  const specs = areaSpecs(l).filter((a) => a.r1 >= a.r0);
  const clipId = (i: number) => `${layers.clipBase}-a${i}`;
  const clips = layers.defs
    .selectAll<SVGClipPathElement, AreaSpec>('clipPath')
    .data(specs)
    .join((enter) => {
      const clip = enter.append('clipPath');
      clip.append('rect');
      return clip;
    });
  setAttrs(clips, { id: (_, i) => clipId(i) });
  setAttrs(clips.select<SVGRectElement>('rect'), {
    x: (a) => l.x(a.r0 - 0.5),
    width: (a) => Math.max(0, l.x(a.r1 + 0.5) - l.x(a.r0 - 0.5)),
    y: -1,
    height: l.plotH + 2,
  });
  const fills = layers.fills
    .selectAll<SVGPathElement, AreaSpec>('path')
    .data(specs)
    .join((enter) =>
      // Listeners once per element: each reads the area its datum names at the time of the event.
      enter
        .append('path')
        .on('mouseenter', (_, a) => hover(a.hoverTerm))
        .on('mouseleave', () => hover(null)),
    )
    .each(function (a) {
      setPath(this, a.scaled ? (scaled?.area ?? '') : layers.paths.area);
    });
  setAttrs(fills, {
    'clip-path': (_, i) => `url(#${clipId(i)})`,
    fill: (a) => a.color,
    'fill-opacity': (a) => a.opacity,
    'data-terms': (a) => a.terms.join(' '),
  });
  const epsCurve = layers.curves
    .selectAll<SVGPathElement, string>('path.eps-curve')
    .data(scaled ? [scaled.line] : [])
    .join('path');
  // Class, then the path, then the styles: the exported SVG keeps its attribute order (panel snapshots).
  setAttrs(epsCurve, { class: 'eps-curve' }).each(function (d) {
    setPath(this, d);
  });
  setAttrs(epsCurve, {
    fill: 'none',
    stroke: colors.weighted,
    'stroke-width': 2.5,
    'stroke-dasharray': '6 4',
    'data-terms': 'fpMainW fpBiasW',
    'pointer-events': 'none',
  });
}
