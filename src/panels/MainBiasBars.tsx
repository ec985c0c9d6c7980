import { useLayoutEffect } from 'react';
import type { DecompositionW } from '../engine/protocol';
import { Panel } from './Panel';
import { colors, PANEL_FONT } from './kit/theme';
import { fmt4, pct } from './kit/format';
import type { MainBiasBarsProps } from './types';
import { useChart, useLatest } from './kit/useChart';
import { highlightTerms, useTermHighlight } from './kit/highlight';
import { drawBars, FOOT_H, isNarrow, NARROW_LINE, ROW_H, type Row } from './mainBiasBars/draw';

/** Dimmed opacity of the bars and labels a hovered term does not name. */
const DIM = 0.3;

/** The FP row with ε appears only when ε changes something. */
function rowsOf(d: DecompositionW): Row[] {
  const rows: Row[] = [
    {
      key: 'fp',
      sym: 'FP',
      main: d.fpMain,
      bias: d.fpBias,
      mainId: 'fpMain',
      biasId: 'fpBias',
      mainColor: colors.fpMain,
      biasColor: colors.fpBias,
    },
    {
      key: 'fn',
      sym: 'FN',
      main: d.fnMain,
      bias: d.fnBias,
      mainId: 'fnMain',
      biasId: 'fnBias',
      mainColor: colors.fnMain,
      biasColor: colors.fnBias,
    },
  ];
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  if (
    Number.isFinite(d.fpMainW) &&
    Number.isFinite(d.fpBiasW) &&
    !(same(d.fpMainW, d.fpMain) && same(d.fpBiasW, d.fpBias))
  ) {
    rows.push({
      key: 'fpW',
      sym: 'FP',
      note: 'with ε',
      main: d.fpMainW,
      bias: d.fpBiasW,
      mainId: 'fpMainW',
      biasId: 'fpBiasW',
      mainColor: colors.fpMain,
      biasColor: colors.fpBias,
      weighted: true,
    });
  }
  return rows;
}

/** The panel's text alternative, with the numbers it draws (read by screen readers). */
export function barsSummary(d: DecompositionW): string {
  return rowsOf(d)
    .map(
      (r) =>
        `${r.sym.replace(/^(FP|FN)/, '$1 soft')}${r.note ? ` ${r.note}` : ''} ${fmt4(r.main + r.bias)}: main ${fmt4(r.main)}, bias ${fmt4(r.bias)}, ${pct(r.bias, r.main + r.bias)} bias`,
    )
    .join('; ');
}

/** FP_soft and FN_soft as stacked main + bias bars (and FP with ε when it differs). */
export function MainBiasBars({ d, highlight, onHover }: MainBiasBarsProps) {
  const { boxRef, svgRef, size } = useChart<HTMLDivElement>();
  const hoverRef = useLatest(onHover);
  const highlightRef = useTermHighlight(svgRef, highlight, DIM);
  const rows = rowsOf(d);
  const height = rows.length * ROW_H + 8 + FOOT_H - 14 + (isNarrow(size.width) ? 3 * NARROW_LINE : 0);
  const rowCount = rows.length;

  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    drawBars(svg, size.width, d, rowsOf(d), (term) => hoverRef.current?.(term));
    highlightTerms(svg, highlightRef.current, DIM);
  }, [svgRef, hoverRef, highlightRef, d, size.width, rowCount]);

  return (
    <Panel title="Main vs bias" testId="panel-bars">
      <div ref={boxRef} style={{ width: '100%' }}>
        <svg
          ref={svgRef}
          xmlns="http://www.w3.org/2000/svg"
          width={size.width}
          height={height}
          fontFamily={PANEL_FONT}
          fontSize={13}
          role="img"
          aria-label={`Soft FP and FN split into main and bias terms. ${barsSummary(d)}.`}
          style={{ display: 'block', overflow: 'visible' }}
        />
      </div>
    </Panel>
  );
}
