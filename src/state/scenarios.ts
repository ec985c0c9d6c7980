/**
 * Guided scenarios: each is a link (parameters + view) with a short narrative and the panels to
 * look at. Keys 1–9 open them in order.
 */
import type { TermId } from './historyTypes';
import { DEFAULT_PARAMS, type ParamKey, type Params } from '../params/schema';
import { DEFAULT_VIEW, type ViewState } from './view';

export interface Scenario {
  id: string;
  title: string;
  /** Button label. */
  short: string;
  /** 2–4 sentences: what is set up and what to notice. */
  narrative: string;
  /** data-testids of the panels to look at (outlined while the scenario is active). */
  look: string[];
  /** The equation term to highlight across panels. */
  highlight: TermId | null;
  params: Partial<Params>;
  view?: Partial<ViewState>;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'bias',
    short: 'Soft FP is mostly bias',
    title: 'Under imbalance, soft FP is mostly bias',
    narrative:
      'The explorer draws 200 background pixels for every foreground pixel. Soft FP, the sum of p over the background, is dominated by the long tail of small predictions below t: the bias term. Drag “Explorer b/f”: the bias bar grows with b while the main bar stays put, because the main term only involves pixels above t and the explorer adds background pixels that stay below it. That holds at t ≥ 0.5 with “Explorer quality” ≥ 0.35 (here t = 0.5, quality 0.6); at lower quality some added pixels cross t and the main bar grows too. Fig. 2 widens its head (ranks 1–400) so the main term can be seen; its tail is drawn narrower, so compare sizes on the bars, or switch Fig. 2’s rank axis to linear, where each area is the sum it labels.',
    look: ['concept-sorted', 'panel-bars'],
    // No term highlight: the point is to compare the main and bias bars, so both stay crisp.
    highlight: null,
    params: { conceptRatio: 200, conceptQuality: 0.6, t: 0.5, conceptRankAxis: 'head' },
  },
  {
    id: 'scale',
    short: 'WCE & Tversky scale both',
    title: 'WCE and Tversky scale main and bias together',
    narrative:
      'Run A trains with weighted cross-entropy, run B with the Tversky loss, on the same data from the same initial weights. Both re-weight false positives against false negatives as a whole: WCE gives every background pixel one weight, Tversky gives every background p the same weight, whether the pixel lies above t or in the tail below it. Neither can single out the imbalance-driven bias: in “Where the loss pushes” on one image, WCE splits its background push between main and bias exactly as BCE does. Compare with “The two-stage switch”.',
    look: ['train-gradient', 'panel-history'],
    highlight: 'fpBias',
    params: { loss: 'wce' },
    view: { compare: { loss: 'tversky' } },
  },
  {
    id: 'eq12',
    short: 'Eq. 12 from scratch',
    title: 'Inter-CBL from scratch alters the main term (Eq. 12)',
    narrative:
      'Inter-CBL keeps weight 1 on the f hardest background pixels and ε on the rest. Trained from scratch, Inter-CBL’s predictions swing: in bursts of a few steps within its first few dozen, the f-th largest background prediction reaches t on some or all validation images, so pixels above t can fall outside the hard set and ε weighs down part of the main term as well. Step through and watch the Fig. 2 legend name the case “Eq. 12”. This is the paper’s reason to start the Balance loss with Intra-CBL. It is about the weighting while predictions are poor, not a promise about where a run ends: in the lab’s stage-2 sweep, Balance with stage 2 from the start ended with no lower Dice than with the automatic switch.',
    look: ['train-sorted-fp'],
    highlight: 'fpMainW',
    params: { loss: 'inter', epsMode: 'value', eps: 0.01 },
  },
  {
    id: 'switch',
    short: 'The two-stage switch',
    title: 'The two-stage switch',
    narrative:
      'Stage 1 trains with Intra-CBL. After every step Algorithm 1 counts the images whose best foreground prediction reaches t_h and whose f-th largest background prediction is at most 1 − t_h; when both counts reach n/2, training switches to the Balance loss for good. Watch numF and numB climb in the stage panel, then, after the marked switch, “Where the loss pushed”: the trained loss puts a smaller share of its push on the background-bias tail than BCE would on the same predictions. (That is a property of the loss; whether the predictions end with less FP bias is for the run to show, not promised here.)',
    look: ['panel-stage', 'panel-grad-history', 'panel-history'],
    highlight: 'fpBias',
    params: { loss: 'balance', switchRule: 'code', switchMode: 'auto' },
  },
  {
    id: 'eps',
    short: 'Sweeping ε',
    title: 'Sweeping ε',
    narrative:
      'With ε as a number, every easy background pixel (below rank f) weighs ε of a hard one. Drag ε from 10⁻⁴ to 1: the ε-weighted bias scales with ε while the main term is untouched as long as at most f background pixels exceed t (Eq. 11). ε = 1 weighs every background pixel like a hard one, so the imbalance comes back; the authors’ “reference” ε is f/N, marked on the slider.',
    look: ['concept-sorted', 'panel-equations'],
    highlight: 'fpBiasW',
    params: { conceptRatio: 100, conceptQuality: 0.7, epsMode: 'value', eps: 0.001 },
  },
];

/** Parameters a scenario leaves as the user set them: they size the run for this machine. */
const MACHINE_KEYS: readonly ParamKey[] = [
  'size',
  'levels',
  'width',
  'batchSize',
  'trainSize',
  'valSize',
  'speed',
  'backend',
];

/** The full parameter set and view of a scenario, keeping this machine's run size. */
export function scenarioState(s: Scenario, current: Params): { params: Params; view: ViewState } {
  const params: Params = { ...DEFAULT_PARAMS, ...s.params };
  for (const key of MACHINE_KEYS) (params as Record<ParamKey, unknown>)[key] = current[key];
  return { params, view: { ...DEFAULT_VIEW, ...s.view, scenario: s.id } };
}

export const scenarioIds = SCENARIOS.map((s) => s.id);
