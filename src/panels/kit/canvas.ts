/**
 * Pixel pictures for the image panels (validation images, the analysis maps, the gradient map):
 * a canvas filled from RGBA bytes, the viridis scale of p and the TP/FP/FN overlay colours.
 */
import * as d3 from 'd3';
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
