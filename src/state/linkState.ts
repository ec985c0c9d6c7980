/**
 * Everything a link's query string sets (parameters, view, selected image, the Experiments
 * section), read with the URL codecs, and how it is put into the stores. main.tsx reads the page's
 * own link this way; a deck slide (state/deck.ts) is restored this way.
 */
import { DEFAULT_PARAMS, type Params } from '../params/schema';
import type { SweepConfig } from '../experiments/types';
import { experimentFromQuery, useExperimentView } from './experimentView';
import type { TermId } from './historyTypes';
import { SCENARIOS, scenarioIds, scenarioState } from './scenarios';
import { useLab } from './store';
import { paramsFromQuery } from './url';
import { viewFromQuery, type ViewState } from './view';

export interface LinkState {
  params: Params;
  view: ViewState;
  /** null = the training batch; undefined = not in the link (image 1). */
  selectedImage: number | null | undefined;
  /** The scenario's highlighted term, when the link names a scenario. */
  highlight: TermId | null | undefined;
  experiment: { open: boolean; config: SweepConfig };
  problems: string[];
}

/**
 * Reads a query string. `scenarioBase`: a scenario link (sc=…) starts from the scenario's
 * parameters and compare run, as a shared link does; without it the query is taken exactly as
 * queryFromParams wrote it (every parameter that differs from the defaults is in it), which is
 * what a saved slide needs.
 */
export function linkState(search: string, scenarioBase: boolean): LinkState {
  const fromUrl = viewFromQuery(search, scenarioIds);
  const scenario = SCENARIOS.find((s) => s.id === fromUrl.view.scenario);
  const base = scenarioBase && scenario ? scenarioState(scenario, DEFAULT_PARAMS) : null;
  const { params, problems } = paramsFromQuery(search, base ? base.params : DEFAULT_PARAMS);
  const view =
    base && scenario
      ? { ...base.view, ...fromUrl.view, compare: fromUrl.view.compare ?? scenario.view?.compare ?? null }
      : fromUrl.view;
  const experiment = experimentFromQuery(search);
  return {
    params,
    view,
    selectedImage: fromUrl.selectedImage,
    highlight: scenario ? scenario.highlight : undefined,
    experiment: { open: experiment.open, config: experiment.config },
    problems: [...problems, ...fromUrl.problems, ...experiment.problems],
  };
}

/**
 * Puts a link's state into the primary store and the Experiments view. `keep` names view fields
 * that stay as they are (a deck keeps presentation mode: the room decides that, not the slide).
 */
export function applyLinkState(state: LinkState, keep: readonly (keyof ViewState)[] = []): void {
  const s = useLab.getState();
  const view = { ...state.view };
  for (const key of keep) (view as Record<string, unknown>)[key] = s.view[key];
  s.setParams(state.params);
  s.setView(view);
  s.selectImage(state.selectedImage === undefined ? 0 : state.selectedImage);
  if (state.highlight !== undefined) s.setHighlight(state.highlight);
  useExperimentView.setState({ open: state.experiment.open, config: state.experiment.config });
}
