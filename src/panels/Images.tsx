/**
 * Validation images: input, ground truth, probability map p and the TP/FP/FN overlay. The overlay
 * is a test metric, so it binarises at p > 0.5 whatever t is (docs/design.md §1.4b); t moves the
 * decomposition, not the overlay.
 */
import * as d3 from 'd3';
import { useEffect, useId, useMemo, useRef } from 'react';
import { FN, FP, paintCanvas, TEST_CUT, TP, VIRIDIS } from './kit/canvas';
import { colors, INK, MUTED, PANEL_FONT } from './kit/theme';
import { Panel } from './Panel';
import type { ImagesProps } from './types';

const MAX_SHOWN = 4;
const FONT = PANEL_FONT;
const SELECT = INK;

/** The input under the overlay is dimmed to this fraction so the three colours stand out. */
const DIM = 0.4;

type Kind = 'input' | 'mask' | 'p' | 'overlay';

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

function paint(
  canvas: HTMLCanvasElement | null,
  width: number,
  height: number,
  fill: (data: Uint8ClampedArray) => void,
): void {
  paintCanvas(canvas, width, height, fill);
}

/** Opaque RGB for pixel k. */
function setRgb(d: Uint8ClampedArray, k: number, r: number, g: number, b: number): void {
  d[k * 4] = r;
  d[k * 4 + 1] = g;
  d[k * 4 + 2] = b;
  d[k * 4 + 3] = 255;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function overlayCounts(p: Float32Array, masks: Float32Array, offset: number, n: number, t: number): Counts {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let k = 0; k < n; k++) {
    const pi = p[offset + k];
    if (masks[offset + k] > 0.5) {
      if (1 - pi >= t) fn++;
      else tp++;
    } else if (pi > t) fp++;
  }
  return { tp, fp, fn };
}

export function Images({ size, height = size, n, images, masks, p, t, selected, onSelect }: ImagesProps) {
  const shown = Math.max(0, Math.min(n, MAX_SHOWN));
  const trained = p !== null;
  const kinds: Kind[] = trained ? ['input', 'mask', 'p', 'overlay'] : ['input', 'mask'];
  const heads: Record<Kind, string> = {
    input: 'input',
    mask: 'ground truth',
    p: 'p (foreground)',
    overlay: 'TP / FP / FN at p > 0.5',
  };
  const cols = kinds.length;
  const grid: React.CSSProperties = {
    display: 'grid',
    gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`,
    columnGap: 6,
    maxWidth: cols * 150,
  };

  return (
    <Panel title="Validation images" testId="panel-images">
      <div style={{ fontFamily: FONT, fontSize: 12, color: INK }}>
        <div style={{ ...grid, padding: '0 6px', marginBottom: 4 }}>
          {kinds.map((k) => (
            <div key={k} style={{ color: MUTED, fontWeight: 600, textAlign: 'center', lineHeight: 1.2 }}>
              {heads[k]}
            </div>
          ))}
        </div>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          {Array.from({ length: shown }, (_, i) => (
            <ImageGroup
              key={i}
              index={i}
              size={size}
              height={height}
              images={images}
              masks={masks}
              p={p}
              t={TEST_CUT}
              kinds={kinds}
              grid={grid}
              selected={selected === i}
              onClick={() => onSelect(selected === i ? null : i)}
            />
          ))}
        </div>
        {trained ? (
          <Legends t={t} />
        ) : (
          <p style={{ margin: '8px 6px 0', color: MUTED }}>Predictions p appear after the first training step.</p>
        )}
      </div>
    </Panel>
  );
}

interface GroupProps {
  index: number;
  /** Columns and rows of each image. */
  size: number;
  height: number;
  images: Float32Array;
  masks: Float32Array;
  p: Float32Array | null;
  t: number;
  kinds: Kind[];
  grid: React.CSSProperties;
  selected: boolean;
  onClick: () => void;
}

type Refs = Record<Kind, React.RefObject<HTMLCanvasElement | null>>;

/** The image's four canvases, each repainted when its own inputs change. */
function useImageCanvases({
  index,
  size,
  height,
  images,
  masks,
  p,
  t,
}: Omit<GroupProps, 'kinds' | 'grid' | 'selected' | 'onClick'>) {
  const refs: Refs = {
    input: useRef<HTMLCanvasElement | null>(null),
    mask: useRef<HTMLCanvasElement | null>(null),
    p: useRef<HTMLCanvasElement | null>(null),
    overlay: useRef<HTMLCanvasElement | null>(null),
  };
  const n = size * height;
  const offset = index * n;
  const { input, mask, p: pRef, overlay } = refs;

  useEffect(() => {
    paint(input.current, size, height, (d) => {
      for (let k = 0; k < n; k++) {
        const v = Math.round(clamp01(images[offset + k]) * 255);
        setRgb(d, k, v, v, v);
      }
    });
  }, [input, images, size, height, n, offset]);

  useEffect(() => {
    paint(mask.current, size, height, (d) => {
      for (let k = 0; k < n; k++) {
        const v = masks[offset + k] > 0.5 ? 255 : 16;
        setRgb(d, k, v, v, v);
      }
    });
  }, [mask, masks, size, height, n, offset]);

  useEffect(() => {
    if (!p) return;
    paint(pRef.current, size, height, (d) => {
      for (let k = 0; k < n; k++) {
        const j = Math.round(clamp01(p[offset + k]) * 255) * 3;
        setRgb(d, k, VIRIDIS[j], VIRIDIS[j + 1], VIRIDIS[j + 2]);
      }
    });
  }, [pRef, p, size, height, n, offset]);

  // The overlay: its cut comes in as `t` (the test cut, p > 0.5).
  useEffect(() => {
    if (!p) return;
    paint(overlay.current, size, height, (d) => {
      for (let k = 0; k < n; k++) {
        const pi = p[offset + k];
        let c: readonly number[] | null = null;
        if (masks[offset + k] > 0.5) c = 1 - pi >= t ? FN : TP;
        else if (pi > t) c = FP;
        if (c) setRgb(d, k, c[0], c[1], c[2]);
        else {
          const v = Math.round(clamp01(images[offset + k]) * 255 * DIM);
          setRgb(d, k, v, v, v);
        }
      }
    });
  }, [overlay, p, t, images, masks, size, height, n, offset]);

  const counts = useMemo(() => (p ? overlayCounts(p, masks, offset, n, t) : null), [p, masks, offset, n, t]);
  return { refs, counts };
}

const canvasStyle = (width: number, height: number): React.CSSProperties => ({
  width: '100%',
  aspectRatio: width === height ? '1 / 1' : `${width} / ${height}`,
  imageRendering: 'pixelated',
  display: 'block',
  borderRadius: 2,
  background: '#000',
});

function ImageGroup(props: GroupProps) {
  const { index, size, height, kinds, grid, selected, onClick } = props;
  const { refs, counts } = useImageCanvases(props);
  // The badges are visual (aria-hidden); the button's name is this text, read from a visually
  // hidden span (an aria-label would not contain the badges' visible text, which axe flags).
  const label = `Validation image ${index + 1}${selected ? ' (selected)' : ''}${counts ? `: TP ${counts.tp}, FP ${counts.fp}, FN ${counts.fn} at p > 0.5` : ''}`;

  return (
    <div
      data-testid={`image-${index}`}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      title={selected ? 'Click to show the whole batch instead' : 'Click to inspect this image in the other panels'}
      onClick={onClick}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onClick();
        }
      }}
      style={{
        ...grid,
        padding: 4,
        borderRadius: 6,
        cursor: 'pointer',
        outline: selected ? `3px solid ${SELECT}` : '3px solid transparent',
        outlineOffset: -1,
        background: selected ? '#eef1f5' : 'transparent',
        position: 'relative',
      }}
    >
      <span className="sr-only">{label}</span>
      {kinds.map((k) => (
        <div key={k} style={{ position: 'relative' }}>
          <canvas ref={refs[k]} width={size} height={height} style={canvasStyle(size, height)} />
          {k === 'input' ? (
            <span aria-hidden="true" style={badgeStyle}>
              {index + 1}
            </span>
          ) : null}
          {k === 'overlay' && counts ? <CountsBadge counts={counts} /> : null}
        </div>
      ))}
    </div>
  );
}

/** TP · FP · FN of the image in the overlay's corner. */
function CountsBadge({ counts }: { counts: Counts }) {
  return (
    <span
      aria-hidden="true"
      style={{ ...badgeStyle, left: 'auto', right: 3, fontWeight: 500 }}
      title="Hard counts in this image at p > 0.5 (test metric)"
    >
      {/* ' ·' and ' ' as separate text nodes, as the SVG export has always written them. */}
      <span style={{ color: '#5fe0b0' }}>{counts.tp}</span>
      {' ·'} <span style={{ color: '#ff9a5c' }}>{counts.fp}</span>
      {' ·'} <span style={{ color: '#7cc4ff' }}>{counts.fn}</span>
    </span>
  );
}

const badgeStyle: React.CSSProperties = {
  position: 'absolute',
  left: 3,
  top: 3,
  padding: '0 5px',
  borderRadius: 3,
  background: 'rgba(0,0,0,0.62)',
  color: '#fff',
  font: `600 12px ${FONT}`,
  lineHeight: '17px',
  pointerEvents: 'none',
};

function Legends({ t }: { t: number }) {
  const barRef = useRef<SVGSVGElement | null>(null);
  const gradId = `viridis-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  useEffect(() => {
    const el = barRef.current;
    if (!el) return;
    const svg = d3.select(el);
    svg.selectAll('*').remove();
    const w = 180;
    const grad = svg.append('defs').append('linearGradient').attr('id', gradId).attr('x1', 0).attr('x2', 1);
    for (let i = 0; i <= 10; i++) {
      grad
        .append('stop')
        .attr('offset', `${i * 10}%`)
        .attr('stop-color', d3.interpolateViridis(i / 10));
    }
    const g = svg.append('g').attr('transform', 'translate(8,2)');
    g.append('rect')
      .attr('width', w)
      .attr('height', 12)
      .attr('fill', `url(#${gradId})`)
      .attr('stroke', '#666')
      .attr('stroke-width', 0.5);
    const x = d3.scaleLinear().domain([0, 1]).range([0, w]);
    const axis = g
      .append('g')
      .attr('transform', 'translate(0,12)')
      .call(d3.axisBottom(x).tickValues([0, 0.5, 1]).tickSize(4).tickFormat(d3.format('~g')));
    axis.attr('font-size', 12).attr('font-family', FONT);
    axis.select('.domain').remove();
    axis.selectAll('text').attr('fill', MUTED);
    // t on the colour bar: what lies right of it is above the threshold.
    g.append('line')
      .attr('x1', x(t))
      .attr('x2', x(t))
      .attr('y1', -2)
      .attr('y2', 14)
      .attr('stroke', '#fff')
      .attr('stroke-width', 3);
    g.append('line')
      .attr('x1', x(t))
      .attr('x2', x(t))
      .attr('y1', -2)
      .attr('y2', 14)
      .attr('stroke', colors.threshold)
      .attr('stroke-width', 1.5);
  }, [t, gradId]);

  const swatch = (color: string, name: string, rule: string) => (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 5, whiteSpace: 'nowrap' }}>
      <span style={{ width: 12, height: 12, background: color, display: 'inline-block', borderRadius: 2 }} />
      <b>{name}</b>
      <span style={{ color: MUTED }}>{rule}</span>
    </span>
  );

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '6px 18px', margin: '8px 6px 0' }}>
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
        <span style={{ color: MUTED }}>p</span>
        <svg
          ref={barRef}
          width={196}
          height={32}
          role="img"
          aria-label="Colour scale of p from 0 to 1, with t marked"
        />
      </span>
      <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: '4px 14px' }}>
        {swatch(colors.tp, 'TP', 'y=1, p > 0.5')}
        {swatch(colors.fpMain, 'FP', 'y=0, p > 0.5')}
        {swatch(colors.fnMain, 'FN', 'y=1, p ≤ 0.5')}
      </span>
    </div>
  );
}
