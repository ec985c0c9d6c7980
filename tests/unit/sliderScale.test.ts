/**
 * Slider keys (issue 19 item 4): every number parameter moves by one shown step per arrow key,
 * about a tenth per PageUp/PageDown, and to its ends with Home/End.
 */
import { describe, expect, it } from 'vitest';
import { paramKeys, schema, type NumberParam } from '../../src/params/schema';
import {
  formatValue,
  fromPosition,
  SLIDER_STEPS,
  stepValue,
  toPosition,
  valueAfterKey,
} from '../../src/params/sliderScale';

const numberParams = paramKeys
  .map((k) => [k, schema[k]] as const)
  .filter((e): e is readonly [(typeof paramKeys)[number], NumberParam] => e[1].kind === 'number');

describe('slider keys', () => {
  it('one arrow key changes the shown value of every number parameter, both ways, from its default', () => {
    for (const [key, spec] of numberParams) {
      const start = spec.default;
      const up = valueAfterKey(spec, start, 'ArrowRight');
      const down = valueAfterKey(spec, start, 'ArrowLeft');
      if (start < spec.max) expect(formatValue(spec, up), key).not.toBe(formatValue(spec, start));
      if (start > spec.min) expect(formatValue(spec, down), key).not.toBe(formatValue(spec, start));
      expect(up, key).toBeGreaterThanOrEqual(start);
      expect(down, key).toBeLessThanOrEqual(start);
    }
  });

  it('integers move by exactly 1, linear sliders by their step', () => {
    expect(valueAfterKey(schema.lesions, 2, 'ArrowRight')).toBe(3);
    expect(valueAfterKey(schema.lesions, 3, 'ArrowRight')).toBe(3);
    expect(valueAfterKey(schema.imbalance, 50, 'ArrowUp')).toBe(51);
    expect(valueAfterKey(schema.batchSize, 8, 'ArrowDown')).toBe(7);
    expect(valueAfterKey(schema.t, 0.5, 'ArrowRight')).toBe(0.501);
    expect(valueAfterKey(schema.a, 0.5, 'ArrowLeft')).toBe(0.49);
  });

  it('log sliders move by one unit of the last digit shown, across decade edges', () => {
    expect(valueAfterKey(schema.eps, 0.01, 'ArrowRight')).toBe(0.0101);
    expect(valueAfterKey(schema.eps, 0.01, 'ArrowLeft')).toBe(0.0099);
    expect(formatValue(schema.eps, valueAfterKey(schema.eps, 0.01, 'ArrowLeft'))).toBe('9.9e-3');
    expect(valueAfterKey(schema.eps, 0.1, 'ArrowLeft')).toBe(0.0999);
    expect(valueAfterKey(schema.eps, 0.999, 'ArrowRight')).toBe(1);
    expect(valueAfterKey(schema.eps, 1e-4, 'ArrowRight')).toBe(1.1e-4);
    expect(valueAfterKey(schema.conceptRatio, 200, 'ArrowRight')).toBe(201);
    // A value between shown digits steps from what is shown.
    expect(valueAfterKey(schema.eps, 0.000105, 'ArrowRight')).toBe(Number(formatValue(schema.eps, 0.000105)) + 1e-5);
  });

  it('PageUp/PageDown move about a tenth of the track; Home/End go to the ends', () => {
    for (const [key, spec] of numberParams) {
      const mid = fromPosition(spec, SLIDER_STEPS / 2);
      const up = valueAfterKey(spec, mid, 'PageUp');
      const down = valueAfterKey(spec, mid, 'PageDown');
      const moved = (v: number) => Math.abs(toPosition(spec, v) - toPosition(spec, mid)) / SLIDER_STEPS;
      expect(up, key).toBeGreaterThan(mid);
      expect(down, key).toBeLessThan(mid);
      expect(moved(up), key).toBeGreaterThanOrEqual(0.09);
      expect(moved(down), key).toBeGreaterThanOrEqual(0.09);
      // Integers round to the nearest whole value past a tenth (1–3 lesions: one step is half the track).
      if (spec.integer) expect(up, key).toBeLessThanOrEqual(fromPosition(spec, SLIDER_STEPS * 0.6) + 1);
      else expect(moved(up), key).toBeLessThanOrEqual(0.11);
      expect(valueAfterKey(spec, mid, 'Home'), key).toBe(spec.min);
      expect(valueAfterKey(spec, mid, 'End'), key).toBe(spec.max);
    }
    expect(valueAfterKey(schema.t, 0.5, 'PageUp')).toBe(0.6);
    expect(valueAfterKey(schema.lesions, 1, 'PageUp')).toBe(2);
  });

  it('stays inside the range at the ends', () => {
    for (const [key, spec] of numberParams) {
      expect(stepValue(spec, spec.max, 1), key).toBe(spec.max);
      expect(stepValue(spec, spec.min, -1), key).toBe(spec.min);
    }
  });
});
