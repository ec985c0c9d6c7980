import { clampParams, DEFAULT_PARAMS, paramKeys, schema, type ParamKey, type Params } from '../params/schema';
import { useLab } from './store';
import { isViewKey, viewQueryEntries, type ViewState } from './view';
import { experimentQueryEntries, isExperimentKey } from './experimentView';
import { SCENARIOS, scenarioState } from './scenarios';

/**
 * Reads parameters from a query string over `base` (the defaults, or a scenario's parameters);
 * bad values are clamped and every problem reported.
 */
export function paramsFromQuery(search: string, base: Params = DEFAULT_PARAMS): { params: Params; problems: string[] } {
  const query = new URLSearchParams(search);
  const raw: Partial<Record<ParamKey, unknown>> = {};
  const known = new Set<string>();
  for (const key of paramKeys) {
    known.add(schema[key].urlKey);
    const value = query.get(schema[key].urlKey);
    if (value !== null) raw[key] = value;
  }
  const { params, problems } = clampParams(raw);
  for (const key of query.keys())
    if (!known.has(key) && !isViewKey(key) && !isExperimentKey(key))
      problems.push(`Unknown URL parameter “${key}” ignored`);
  return { params: { ...base, ...params }, problems };
}

/**
 * Writes only the parameters that differ from the defaults, so links stay short, followed by
 * the view (presentation, compare, hidden controls, scenario, selected image) when given. A link
 * that names a scenario (sc=…) is opened over the scenario's parameters, so it also carries every
 * parameter that differs from the scenario's value: one set back to its default stays so.
 */
export function queryFromParams(params: Params, view?: { view: ViewState; selectedImage: number | null }): string {
  const query = new URLSearchParams();
  const scenario = view?.view.scenario ? SCENARIOS.find((s) => s.id === view.view.scenario) : undefined;
  const scenarioParams = scenario ? scenarioState(scenario, DEFAULT_PARAMS).params : DEFAULT_PARAMS;
  for (const key of paramKeys) {
    if (params[key] !== DEFAULT_PARAMS[key] || params[key] !== scenarioParams[key])
      query.set(schema[key].urlKey, String(params[key]));
  }
  if (view) for (const [k, v] of viewQueryEntries(view.view, view.selectedImage)) query.set(k, v);
  // The Experiments section's sweep rides along with the view (state/experimentView.ts).
  if (view) for (const [k, v] of experimentQueryEntries()) query.set(k, v);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The query string of the primary store right now: what "copy link" shares. */
export function currentQuery(): string {
  const s = useLab.getState();
  return queryFromParams(s.params, { view: s.view, selectedImage: s.selectedImage });
}
