import { useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import { Panel } from './Panel';
import type { SortedPredictionsProps } from './types';
import { useChart, useLatest } from './kit/useChart';
import { highlightTerms, useTermHighlight } from './kit/highlight';
import { MUTED, PANEL_FONT } from './kit/theme';
import { sortedAriaLabel } from './sorted/captions';
import { drawSortedChart } from './sorted/draw';
import { sortSide } from './sorted/sampling';
import type { RankScale, Side } from './sorted/types';

export { legendItems, scaleNote, sortedSummary } from './sorted/captions';

const MIN_HEIGHT = 350;
/** Dimmed opacity of the parts a hovered term does not name. */
const DIM = 0.25;

/** The xScale prop is the initial value; the toolbar switch overrides it until the prop changes. */
function useRankScale(initial: RankScale): [RankScale, (value: RankScale) => void] {
  const [choice, setChoice] = useState({ prop: initial, value: initial });
  const value = choice.prop === initial ? choice.value : initial;
  return [value, (v) => setChoice({ prop: initial, value: v })];
}

const RANK_AXES: { value: RankScale; label: string }[] = [
  { value: 'head', label: 'head + tail' },
  { value: 'linear', label: 'linear' },
  { value: 'log', label: 'log' },
];

function RankScaleSelect({
  value,
  onChange,
  testId,
}: {
  value: RankScale;
  onChange: (v: RankScale) => void;
  testId: string;
}) {
  return (
    <label
      style={{ fontSize: 12, color: MUTED }}
      title="Head + tail: ranks 1–2f on half the width, the rest on the other half; areas are to scale within each segment, not across. Linear: every rank equally wide, so each area is the sum it labels. Log: the top ranks spread out; areas are not to scale."
    >
      rank axis{' '}
      <select
        data-testid={`${testId}-xscale`}
        value={value}
        onChange={(e) => onChange(RANK_AXES.find((a) => a.value === e.target.value)?.value ?? 'linear')}
      >
        {RANK_AXES.map((a) => (
          <option key={a.value} value={a.value}>
            {a.label}
          </option>
        ))}
      </select>
    </label>
  );
}

interface ChartBoxProps {
  boxRef: (el: HTMLDivElement | null) => void;
  svgRef: RefObject<SVGSVGElement | null>;
  size: { width: number; height: number };
  ariaLabel: string;
  side: Side;
  empty: boolean;
  testId: string;
}

/** The measured box with the svg, or instead of the chart a sentence on why there is nothing to sort. */
function ChartBox({ boxRef, svgRef, size, ariaLabel, side, empty, testId }: ChartBoxProps) {
  const message =
    side === 'fp'
      ? 'No background pixels (b = 0): there is no FP to sort.'
      : 'No foreground pixels (f = 0): there is no FN to sort.';
  return (
    <div ref={boxRef} style={{ position: 'relative', width: '100%', height: '100%', minHeight: MIN_HEIGHT }}>
      <svg
        ref={svgRef}
        xmlns="http://www.w3.org/2000/svg"
        width={Math.max(0, size.width)}
        height={Math.max(0, size.height)}
        fontFamily={PANEL_FONT}
        fontSize={13}
        role="img"
        aria-label={ariaLabel}
        style={{ position: 'absolute', inset: 0, display: empty ? 'none' : 'block' }}
      />
      {empty ? (
        <p
          data-testid={`${testId}-empty`}
          style={{ margin: 0, padding: '2rem 1rem', color: MUTED, fontSize: 14, textAlign: 'center' }}
        >
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** The paper's Fig. 2 for one side: sorted predictions, threshold t, rank f, main/bias areas. */
export function SortedPredictions(props: SortedPredictionsProps) {
  const { p, y, t, eps, decomposition: d, side, title, testId, note, highlight, onHover } = props;
  const [ownScale, setOwnScale] = useRankScale(props.xScale);
  // With onXScaleChange the switch is the caller's (e.g. a URL parameter); otherwise the panel's own.
  const xScale = props.onXScaleChange ? props.xScale : ownScale;
  const setXScale = props.onXScaleChange ?? setOwnScale;
  const sorted = useMemo(() => sortSide(p, y, side), [p, y, side]);
  const { boxRef, svgRef, size } = useChart<HTMLDivElement>();
  const hoverRef = useLatest(onHover);
  const highlightRef = useTermHighlight(svgRef, highlight, DIM);
  const empty = (side === 'fp' ? d.b : d.f) === 0 || sorted.length === 0;

  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const input = { width: size.width, height: size.height, sorted: empty ? new Float64Array(0) : sorted };
    drawSortedChart(svg, { ...input, d, t, eps, side, xScale, testId }, (term) => hoverRef.current?.(term));
    highlightTerms(svg, highlightRef.current, DIM);
  }, [svgRef, hoverRef, highlightRef, sorted, empty, size.width, size.height, d, t, eps, side, xScale, testId]);

  return (
    <Panel
      title={title}
      testId={testId}
      tools={<RankScaleSelect value={xScale} onChange={setXScale} testId={testId} />}
    >
      <ChartBox
        boxRef={boxRef}
        svgRef={svgRef}
        size={size}
        ariaLabel={sortedAriaLabel(title, d, side, t)}
        side={side}
        empty={empty}
        testId={testId}
      />
      {note ? (
        <p className="hint" data-testid={`${testId}-note`} style={{ margin: '6px 0 0' }}>
          {note}
        </p>
      ) : null}
    </Panel>
  );
}
