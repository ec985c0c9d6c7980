/**
 * Pixel pictures for the image panels (validation images, the analysis maps, the gradient map):
 * a canvas filled from RGBA bytes, the viridis scale of p and the TP/FP/FN overlay colours.
 */
import * as d3 from 'd3';
import { useEffect, useRef, type CSSProperties } from 'react';
import { colors } from './theme';

/** 256-entry viridis lookup table, RGB bytes. */
export const VIRIDIS: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = d3.rgb(d3.interpolateViridis(i / 255));
    lut[i * 3] = c.r;
    lut[i * 3 + 1] = c.g;
    lut[i * 3 + 2] = c.b;
  }
  return lut;
})();

const rgbOf = (hex: string): [number, number, number] => {
  const c = d3.rgb(hex);
  return [c.r, c.g, c.b];
};
export const TP = rgbOf(colors.tp);
export const FP = rgbOf(colors.fpMain);
export const FN = rgbOf(colors.fnMain);
/** Test metrics and the overlay binarise here (FP ⇔ y = 0 ∧ p > 0.5; FN ⇔ y = 1 ∧ p ≤ 0.5). */
export const TEST_CUT = 0.5;

/** Fills a width×height canvas with RGBA bytes. */
export function paintCanvas(
  canvas: HTMLCanvasElement | null,
  width: number,
  height: number,
  fill: (data: Uint8ClampedArray) => void,
): void {
  if (!canvas) return;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  // A CPU-backed canvas: a GPU one makes the main thread wait on the GPU process, which is busy
  // with the training worker's WebGPU work (seconds on SwiftShader).
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return;
  const img = ctx.createImageData(width, height);
  fill(img.data);
  ctx.putImageData(img, 0, 0);
}

/** The style of a canvas holding a width×height pixel picture: as wide as its cell, hard pixel edges. */
export const pixelCellStyle = (width: number, height: number): CSSProperties => ({
  width: '100%',
  imageRendering: 'pixelated',
  aspectRatio: `${width} / ${height}`,
  display: 'block',
  borderRadius: 4,
});

/** Grey level of a true negative in the overlay: dark, so the three error colours stand out. */
const TRUE_NEGATIVE = 40;

/** A canvas ref painted with the TP/FP/FN overlay at the test cut, grey where a pixel is a true negative. */
export function useOverlayCanvas(width: number, height: number, p: ArrayLike<number>, y: ArrayLike<number>) {
  const ref = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    paintCanvas(ref.current, width, height, (d) => {
      for (let i = 0; i < width * height; i++) {
        const c = y[i] > 0.5 ? (p[i] > TEST_CUT ? TP : FN) : p[i] > TEST_CUT ? FP : null;
        d.set(c ? [c[0], c[1], c[2], 255] : [TRUE_NEGATIVE, TRUE_NEGATIVE, TRUE_NEGATIVE, 255], i * 4);
      }
    });
  }, [width, height, p, y]);
  return ref;
}
