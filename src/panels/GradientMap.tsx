/**
 * One image's TP/FP/FN overlay (test metric: p > 0.5) beside the per-pixel |∂L/∂z| of a chosen
 * loss on a log colour scale, so "where the loss pushes" can be seen pixel by pixel.
 */
import * as d3 from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import type { LossId } from '../core';
import { lossInfo } from '../core/lossInfo';
import { paintCanvas, pixelCellStyle, useOverlayCanvas } from './kit/canvas';

/** Decades of |∂L/∂z| below the image's maximum that the colour scale spans. */
export const MAP_DECADES = 4;

/** 256-entry magma lookup table, RGB bytes (dark = little push, bright = most). */
const MAGMA: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = d3.rgb(d3.interpolateMagma(i / 255));
    lut.set([c.r, c.g, c.b], i * 3);
  }
  return lut;
})();

/** Colour index 0..255 of g on the log scale [max·10^−DECADES, max]; −1 for g = 0. */
export function logColourIndex(g: number, max: number): number {
  if (!(g > 0) || !(max > 0)) return -1;
  const v = (Math.log10(g / max) + MAP_DECADES) / MAP_DECADES;
  return Math.round(Math.min(1, Math.max(0, v)) * 255);
}

export interface GradientMapProps {
  width: number;
  height: number;
  p: ArrayLike<number>;
  y: ArrayLike<number>;
  /** |∂L/∂z| of the chosen loss for these pixels. */
  g: ArrayLike<number>;
  loss: LossId;
  losses: readonly LossId[];
  onLoss: (loss: LossId) => void;
  testId: string;
}

const LEGEND_STEPS = 128;

/** The magma colour (with full alpha) of LUT index k. */
const magma = (k: number): number[] => [MAGMA[k * 3], MAGMA[k * 3 + 1], MAGMA[k * 3 + 2], 255];

/** |∂L/∂z| per pixel in magma on the log scale below `max`, black where it is 0. */
function useGradientCanvas(width: number, height: number, g: ArrayLike<number>, max: number) {
  const ref = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    paintCanvas(ref.current, width, height, (d) => {
      for (let i = 0; i < width * height; i++) {
        const k = logColourIndex(g[i], max);
        d.set(k < 0 ? [0, 0, 0, 255] : magma(k), i * 4);
      }
    });
  }, [width, height, g, max]);
  return ref;
}

/** The colour bar: magma from dark to bright, painted once. */
function useColourBarCanvas() {
  const ref = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    paintCanvas(ref.current, LEGEND_STEPS, 1, (d) => {
      for (let i = 0; i < LEGEND_STEPS; i++) d.set(magma(Math.round((i / (LEGEND_STEPS - 1)) * 255)), i * 4);
    });
  }, []);
  return ref;
}

function maxOf(g: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < g.length; i++) if (g[i] > m) m = g[i];
  return m;
}

const fmt = d3.format('.2~e');

/** The colour scale's ends (max·10^−DECADES and max) around the colour bar. */
function ColourScale({ max }: { max: number }) {
  const barRef = useColourBarCanvas();
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 6,
        fontSize: 11.5,
        color: '#555',
        marginTop: 4,
        maxWidth: 420,
      }}
    >
      <span>{max > 0 ? fmt(max * 10 ** -MAP_DECADES) : '0'}</span>
      <canvas
        ref={barRef}
        style={{
          flex: '1 1 0',
          minWidth: 0,
          width: '100%',
          height: 10,
          imageRendering: 'pixelated',
          borderRadius: 2,
        }}
        aria-hidden="true"
      />
      <span>{fmt(max)}</span>
      <span>(log; black = 0)</span>
    </div>
  );
}

function LossSelect({ loss, losses, onLoss, testId }: Pick<GradientMapProps, 'loss' | 'losses' | 'onLoss' | 'testId'>) {
  return (
    <select
      data-testid={`${testId}-loss`}
      value={loss}
      onChange={(e) => onLoss(e.target.value as LossId)}
      aria-label="Loss whose gradient map is shown"
    >
      {losses.map((id) => (
        <option key={id} value={id}>
          {lossInfo[id].label}
        </option>
      ))}
    </select>
  );
}

export function GradientMap({ width, height, p, y, g, loss, losses, onLoss, testId }: GradientMapProps) {
  const max = useMemo(() => maxOf(g), [g]);
  const overlayRef = useOverlayCanvas(width, height, p, y);
  const mapRef = useGradientCanvas(width, height, g, max);
  const cell = pixelCellStyle(width, height);
  return (
    <div data-testid={testId} style={{ marginTop: 10 }}>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
          gap: 8,
          fontSize: 12,
          textAlign: 'center',
          color: '#555',
          maxWidth: 420,
        }}
      >
        <figure style={{ margin: 0 }}>
          <canvas ref={overlayRef} style={cell} />
          <figcaption>TP / FP / FN at p &gt; 0.5</figcaption>
        </figure>
        <figure style={{ margin: 0 }}>
          <canvas ref={mapRef} style={cell} data-testid={`${testId}-canvas`} />
          <figcaption>
            |∂L/∂z| of <LossSelect loss={loss} losses={losses} onLoss={onLoss} testId={testId} />
          </figcaption>
        </figure>
      </div>
      <ColourScale max={max} />
    </div>
  );
}
