import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCENARIOS, scenarioIds, scenarioState } from '../../src/state/scenarios';
import { DEFAULT_PARAMS, paramKeys, schema, type ParamKey, type Params } from '../../src/params/schema';
import { linkState } from '../../src/state/linkState';
import { paramsFromQuery, queryFromParams } from '../../src/state/url';
import { COMPARABLE_KEYS, DEFAULT_VIEW, viewFromQuery, type ViewState } from '../../src/state/view';

/** Any valid value of one parameter: a choice option, or a number in range (integers whole). */
function valueOf(key: ParamKey): fc.Arbitrary<Params[ParamKey]> {
  const spec = schema[key];
  if (spec.kind === 'choice')
    return fc.constantFrom(...spec.options.map((o) => o.value)) as fc.Arbitrary<Params[ParamKey]>;
  if (spec.integer) return fc.integer({ min: spec.min, max: spec.max }) as fc.Arbitrary<Params[ParamKey]>;
  return fc.double({ min: spec.min, max: spec.max, noNaN: true }) as fc.Arbitrary<Params[ParamKey]>;
}

const paramsArb: fc.Arbitrary<Params> = fc.record(
  Object.fromEntries(paramKeys.map((k) => [k, valueOf(k)])) as Record<ParamKey, fc.Arbitrary<Params[ParamKey]>>,
) as fc.Arbitrary<Params>;

const viewArb: fc.Arbitrary<ViewState> = fc.record({
  presentation: fc.boolean(),
  compare: fc.option(fc.record(Object.fromEntries(COMPARABLE_KEYS.map((k) => [k, valueOf(k)])), { requiredKeys: [] }), {
    nil: null,
  }),
  hidden: fc.oneof(fc.constant('all' as const), fc.uniqueArray(fc.constantFrom(...paramKeys))),
  scenario: fc.option(fc.constantFrom(...scenarioIds), { nil: null }),
  compareLayout: fc.constantFrom('columns' as const, 'overlay' as const),
}) as fc.Arbitrary<ViewState>;

describe('URL state', () => {
  it('every parameter, the view and the selected image round-trip exactly', () => {
    fc.assert(
      fc.property(
        paramsArb,
        viewArb,
        fc.option(fc.integer({ min: 0, max: 63 }), { nil: null }),
        (params, view, image) => {
          const query = queryFromParams(params, { view, selectedImage: image });
          const back = paramsFromQuery(query);
          expect(back.problems).toEqual([]);
          expect(back.params).toEqual(params);
          const v = viewFromQuery(query, scenarioIds);
          expect(v.problems).toEqual([]);
          expect(v.view).toEqual(view);
          // Image 1 (index 0) is the default and is left out of the link.
          expect(v.selectedImage).toBe(image === 0 ? undefined : image);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('defaults make an empty query', () => {
    expect(queryFromParams(DEFAULT_PARAMS, { view: DEFAULT_VIEW, selectedImage: 0 })).toBe('');
  });

  it('garbage is clamped or dropped, each with a message, and never throws', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            ...paramKeys.map((k) => schema[k].urlKey),
            'cmp',
            'b.loss',
            'b.seed',
            'hide',
            'sc',
            'img',
            'present',
            'zz',
          ),
          fc.string(),
        ),
        (raw) => {
          const query = `?${new URLSearchParams(raw).toString()}`;
          const { params } = paramsFromQuery(query);
          for (const key of paramKeys) {
            const spec = schema[key];
            const v = params[key];
            if (spec.kind === 'choice') expect(spec.options.map((o) => o.value)).toContain(v);
            else {
              expect(v as number).toBeGreaterThanOrEqual(spec.min);
              expect(v as number).toBeLessThanOrEqual(spec.max);
            }
          }
          expect(() => viewFromQuery(query, scenarioIds)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
    const bad = viewFromQuery('?cmp=1&b.seed=3&b.loss=nope&hide=t,zz&sc=nope&img=-2&present=2', scenarioIds);
    expect(bad.view.compare).toEqual({ loss: 'balance' });
    expect(bad.view.hidden).toEqual(['t']);
    expect(bad.problems).toHaveLength(6);
  });

  it('the compare layout is in the link, with compare mode on or off', () => {
    const overlay = viewFromQuery('?cmp=1&b.loss=bce&cmpl=overlay', scenarioIds);
    expect(overlay.view.compareLayout).toBe('overlay');
    expect(overlay.problems).toEqual([]);
    expect(queryFromParams(DEFAULT_PARAMS, { view: overlay.view, selectedImage: 0 })).toBe(
      '?cmp=1&b.loss=bce&cmpl=overlay',
    );
    // Chosen, then compare turned off: the choice is kept for the next compare.
    const off = viewFromQuery('?cmpl=overlay', scenarioIds);
    expect(off.view).toMatchObject({ compare: null, compareLayout: 'overlay' });
    expect(off.problems).toEqual([]);
    const wrong = viewFromQuery('?cmp=1&cmpl=stacked', scenarioIds);
    expect(wrong.view.compareLayout).toBe('columns');
    expect(wrong.problems[0]).toMatch(/should be “columns” or “overlay”/);
  });

  it('a scenario keeps the machine-sized parameters and sets its own', () => {
    const current: Params = { ...DEFAULT_PARAMS, size: '32', levels: 2, width: 4, batchSize: 2, loss: 'focal', t: 0.9 };
    for (const s of SCENARIOS) {
      const { params, view } = scenarioState(s, current);
      expect(params).toMatchObject({ size: '32', levels: 2, width: 4, batchSize: 2, ...s.params });
      expect(view.scenario).toBe(s.id);
      if (!('t' in s.params)) expect(params.t).toBe(DEFAULT_PARAMS.t);
    }
  });

  it('a scenario link carries every parameter set away from the scenario, back to its default included, and reads back the same', () => {
    let tried = 0;
    for (const s of SCENARIOS) {
      const { params: scenarioParams, view } = scenarioState(s, DEFAULT_PARAMS);
      const changed = (Object.keys(s.params) as ParamKey[]).filter((k) => scenarioParams[k] !== DEFAULT_PARAMS[k]);
      if (changed.length === 0) continue; // a scenario of default parameters ("switch"): nothing to set back
      tried++;
      // Every parameter the scenario sets goes back to its default: the link must say so.
      const params: Params = { ...scenarioParams };
      for (const k of changed) (params as Record<ParamKey, unknown>)[k] = DEFAULT_PARAMS[k];
      const query = queryFromParams(params, { view, selectedImage: null });
      for (const k of changed) expect(new URLSearchParams(query).get(schema[k].urlKey)).toBe(String(DEFAULT_PARAMS[k]));
      expect(linkState(query, true).params).toEqual(params);
      expect(linkState(query, false).params).toEqual(params);
      // Untouched, the link stays as short as before: the scenario's own values ride along only where
      // they differ from the defaults.
      const untouched = new URLSearchParams(queryFromParams(scenarioParams, { view, selectedImage: null }));
      expect(linkState(`?${untouched}`, true).params).toEqual(scenarioParams);
    }
    expect(tried).toBeGreaterThanOrEqual(4);
  });
});
