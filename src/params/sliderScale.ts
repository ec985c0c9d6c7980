/**
 * How a number parameter sits on a slider (docs/design.md §2): the track's 0…1000 positions ↔ the
 * value (linear or log per the schema), the value as shown, and what one key press does.
 * Keys move through values, not positions: on a 0…1000 track an integer slider such as 1–3
 * lesions would round one position back to the same integer and never move.
 */
import type { NumberParam } from './spec';

/** Positions of the range input's track. */
export const SLIDER_STEPS = 1000;

/** The keys a focused slider answers, as WAI-ARIA's slider pattern names them. */
export type SliderKey = 'ArrowRight' | 'ArrowUp' | 'ArrowLeft' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End';
const SLIDER_KEYS = new Set<string>([
  'ArrowRight',
  'ArrowUp',
  'ArrowLeft',
  'ArrowDown',
  'PageUp',
  'PageDown',
  'Home',
  'End',
]);
export const isSliderKey = (key: string): key is SliderKey => SLIDER_KEYS.has(key);

/** PageUp/PageDown move a tenth of the track. */
const PAGE_POSITIONS = SLIDER_STEPS / 10;

const clamp = (spec: NumberParam, v: number): number => Math.min(spec.max, Math.max(spec.min, v));

export function toPosition(spec: NumberParam, value: number): number {
  const frac =
    spec.scale === 'log'
      ? Math.log(value / spec.min) / Math.log(spec.max / spec.min)
      : (value - spec.min) / (spec.max - spec.min);
  return Math.round(frac * SLIDER_STEPS);
}

export function fromPosition(spec: NumberParam, position: number): number {
  const frac = position / SLIDER_STEPS;
  let v =
    spec.scale === 'log' ? spec.min * Math.pow(spec.max / spec.min, frac) : spec.min + frac * (spec.max - spec.min);
  if (spec.integer) v = Math.round(v);
  else if (spec.scale === 'linear' && spec.step > 0) v = Math.round(v / spec.step) * spec.step;
  else v = Number(v.toPrecision(3));
  return clamp(spec, Number(v.toFixed(10)));
}

/** The value as the control shows it (and as aria-valuetext reads it). */
export function formatValue(spec: NumberParam, v: number): string {
  if (spec.integer) return String(v);
  if (spec.scale === 'log') return v < 0.01 ? v.toExponential(1) : String(Number(v.toPrecision(3)));
  return v.toFixed(Math.max(0, -Math.floor(Math.log10(spec.step))));
}

/** Significant digits a log value shows: formatValue writes 2 below 0.01, 3 from there on. */
const shownDigits = (v: number): number => (v < 0.01 ? 2 : 3);
/** One unit in the last digit shown at v. */
const shownUnit = (v: number): number => Math.pow(10, Math.floor(Math.log10(v)) - shownDigits(v) + 1);

/**
 * One displayed step of a log slider: the shown value ± one unit in its last digit. Going down
 * from a decade's first value (0.01, 0.1) takes the finer unit of the decade below (0.0099, 0.0999).
 */
function logDisplayStep(spec: NumberParam, value: number, dir: 1 | -1): number {
  const shown = Number(formatValue(spec, value));
  const unit = dir > 0 ? shownUnit(shown) : shownUnit(shown * (1 - 1e-9));
  return clamp(spec, Number((shown + dir * unit).toPrecision(3)));
}

/** One meaningful step: an integer by 1, a linear slider by its step, a log slider by one shown digit. */
export function stepValue(spec: NumberParam, value: number, dir: 1 | -1): number {
  if (spec.integer) return clamp(spec, Math.round(value) + dir);
  if (spec.scale === 'log') return logDisplayStep(spec, value, dir);
  const step = spec.step > 0 ? spec.step : (spec.max - spec.min) / SLIDER_STEPS;
  return clamp(spec, Number((Math.round(value / step) * step + dir * step).toFixed(10)));
}

/**
 * A move of `positions` track positions (a tenth of the track for PageUp), landing on a value the
 * control shows, and never less than one step.
 */
export function jumpValue(spec: NumberParam, value: number, positions: number): number {
  const dir = positions > 0 ? 1 : -1;
  const landed = fromPosition(spec, Math.min(SLIDER_STEPS, Math.max(0, toPosition(spec, value) + positions)));
  const shown = spec.scale === 'log' && !spec.integer ? clamp(spec, Number(formatValue(spec, landed))) : landed;
  const oneStep = stepValue(spec, value, dir);
  return dir > 0 ? Math.max(shown, oneStep) : Math.min(shown, oneStep);
}

/** The value after a key press on a focused slider (WAI-ARIA slider pattern). */
export function valueAfterKey(spec: NumberParam, value: number, key: SliderKey): number {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return stepValue(spec, value, 1);
    case 'ArrowLeft':
    case 'ArrowDown':
      return stepValue(spec, value, -1);
    case 'PageUp':
      return jumpValue(spec, value, PAGE_POSITIONS);
    case 'PageDown':
      return jumpValue(spec, value, -PAGE_POSITIONS);
    case 'Home':
      return spec.min;
    case 'End':
      return spec.max;
  }
}
