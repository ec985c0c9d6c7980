/**
 * The one parameter schema: every tunable of the lab is declared here once, with its paper
 * symbol, range, scale, URL key and help text. Sliders, the URL codec, clamping and the engine's
 * config are all derived from it (docs/design.md §2).
 */
import { lossIds, type LossId } from '../core/lossInfo';
import { choice, num, type ChoiceParam, type ParamSpec } from './spec';

export type { ChoiceParam, NumberParam, ParamSpec } from './spec';

export type SwitchMode = 'auto' | 'now' | 'never' | 'fromStart';
export type OptimizerId = 'adam' | 'sgd';
/** Fig. 2's rank axis (docs/design.md §1.1a): two linear segments, one linear, or log. */
export type RankAxisMode = 'head' | 'linear' | 'log';

export const schema = {
  t: num({
    label: 'Threshold t',
    symbol: 't',
    urlKey: 't',
    default: 0.5,
    min: 0,
    max: 1,
    scale: 'linear',
    step: 0.001,
    resets: false,
    help: 'Binarisation threshold t of Eq. 1–2: a background pixel is a hard FP when p > t.',
  }),
  eps: num({
    label: 'Inter-CBL ε',
    symbol: '\\epsilon',
    urlKey: 'eps',
    default: 0.01,
    min: 1e-4,
    max: 1,
    scale: 'log',
    step: 4,
    resets: false,
    help: 'Weight ε of the easy background (outside the top-f) in Inter-CBL, Eq. 11–12.',
  }),
  epsMode: choice<'reference' | 'value'>({
    label: 'ε source',
    urlKey: 'epsm',
    default: 'reference',
    resets: false,
    options: [
      { value: 'reference', label: "authors' code (f/N)" },
      { value: 'value', label: 'slider value' },
    ],
    help: "'authors' code' weighs each easy background pixel f/N of a hard one, as the released code does.",
  }),
  tHard: num({
    label: 'Hard threshold t_h',
    symbol: 't_h',
    urlKey: 'th',
    default: 0.9,
    min: 0.5,
    max: 0.999,
    scale: 'linear',
    step: 0.001,
    resets: false,
    help: 'Intra-CBL hard-sample threshold (the paper’s Eq. 13 t): pixels with p̃ ≤ t_h for their class are hard.',
  }),
  a: num({
    label: 'Mix a',
    symbol: 'a',
    urlKey: 'a',
    default: 0.5,
    min: 0,
    max: 1,
    scale: 'linear',
    step: 0.01,
    resets: false,
    help: 'Balance loss = a·Intra-CBL + (1 − a)·Inter-CBL.',
  }),
  lr: num({
    label: 'Learning rate',
    symbol: '\\eta',
    urlKey: 'lr',
    default: 3e-3,
    min: 1e-5,
    max: 1,
    scale: 'log',
    step: 4,
    resets: false,
    help: 'Step size η of the optimiser.',
  }),
  loss: choice<LossId>({
    label: 'Loss',
    urlKey: 'loss',
    default: 'balance',
    resets: false,
    options: lossIds.map((id) => ({
      value: id,
      label: id === 'balance' ? 'Balance (two-stage)' : id === 'inter' ? 'Inter-CBL (from scratch)' : id,
    })),
    help: 'The training loss; Balance runs Intra-CBL first, then switches per Algorithm 1.',
  }),
  switchRule: choice<'code' | 'algorithm1'>({
    label: 'Switch rule',
    urlKey: 'rule',
    default: 'code',
    resets: false,
    options: [
      { value: 'code', label: "authors' code" },
      { value: 'algorithm1', label: 'Algorithm 1 as printed' },
    ],
    help: 'How Algorithm 1 decides that the network has converged enough to switch to stage 2.',
  }),
  switchMode: choice<SwitchMode>({
    label: 'Stage switch',
    urlKey: 'sw',
    default: 'auto',
    resets: false,
    options: [
      { value: 'auto', label: 'automatic (Algorithm 1)' },
      { value: 'now', label: 'switch now' },
      { value: 'never', label: 'never (Intra-CBL only)' },
      { value: 'fromStart', label: 'stage 2 from the start' },
    ],
    help: 'Override of the two-stage schedule τ; “from the start” shows the Eq. 12 failure mode.',
  }),
  optimizer: choice<OptimizerId>({
    label: 'Optimiser',
    urlKey: 'opt',
    default: 'adam',
    resets: false,
    options: [
      { value: 'adam', label: 'Adam' },
      { value: 'sgd', label: 'SGD + momentum 0.9' },
    ],
    help: 'Changing the optimiser keeps the weights and restarts its moment estimates.',
  }),
  batchSize: num({
    label: 'Batch size',
    symbol: 'n',
    urlKey: 'bs',
    default: 8,
    min: 1,
    max: 32,
    scale: 'linear',
    step: 1,
    integer: true,
    resets: true,
    help: 'Images per step (n in Algorithm 1); fixed shapes keep WebGPU shaders compiled once.',
  }),
  imbalance: num({
    label: 'Imbalance b/f',
    symbol: 'b/f',
    urlKey: 'imb',
    default: 50,
    min: 2,
    max: 500,
    scale: 'log',
    step: 0,
    integer: true,
    resets: true,
    help: 'Background pixels per foreground pixel in the synthetic scans.',
  }),
  lesions: num({
    label: 'Lesions',
    urlKey: 'les',
    default: 2,
    min: 1,
    max: 3,
    scale: 'linear',
    step: 1,
    integer: true,
    resets: true,
    help: 'Maximum number of lesions per synthetic image.',
  }),
  contrast: num({
    label: 'Contrast',
    urlKey: 'con',
    default: 0.5,
    min: 0,
    max: 1,
    scale: 'linear',
    step: 0.01,
    resets: true,
    help: 'Lesion brightness above the surrounding tissue.',
  }),
  noise: num({
    label: 'Noise',
    urlKey: 'noi',
    default: 0.15,
    min: 0,
    max: 1,
    scale: 'linear',
    step: 0.01,
    resets: true,
    help: 'Standard deviation of the Gaussian and speckle noise.',
  }),
  size: choice<'32' | '64' | '128'>({
    label: 'Image size',
    urlKey: 'px',
    default: '64',
    resets: true,
    options: [
      { value: '32', label: '32 px' },
      { value: '64', label: '64 px' },
      { value: '128', label: '128 px' },
    ],
    help: 'Side of the square training images.',
  }),
  trainSize: num({
    label: 'Training images',
    urlKey: 'ntr',
    default: 64,
    min: 8,
    max: 512,
    scale: 'log',
    step: 0,
    integer: true,
    resets: true,
    help: 'Number of synthetic training images.',
  }),
  valSize: num({
    label: 'Validation images',
    urlKey: 'nva',
    default: 16,
    min: 4,
    max: 64,
    scale: 'linear',
    step: 1,
    integer: true,
    resets: true,
    help: 'Number of held-out images for Dice/IoU and the panels.',
  }),
  levels: num({
    label: 'U-Net levels',
    urlKey: 'lv',
    default: 3,
    min: 2,
    max: 4,
    scale: 'linear',
    step: 1,
    integer: true,
    resets: true,
    help: 'Down-sampling levels of the U-Net encoder.',
  }),
  width: num({
    label: 'U-Net width',
    urlKey: 'w',
    default: 8,
    min: 4,
    max: 32,
    scale: 'log',
    step: 0,
    integer: true,
    resets: true,
    help: 'Channels at the first U-Net level (doubling per level).',
  }),
  seed: num({
    label: 'Seed',
    urlKey: 'seed',
    default: 1,
    min: 0,
    max: 99999,
    scale: 'linear',
    step: 1,
    integer: true,
    resets: true,
    help: 'Seeds the data, the initial weights and the batch order: same seed, same run.',
  }),
  conceptRatio: num({
    label: 'Explorer b/f',
    symbol: 'b/f',
    urlKey: 'cr',
    default: 50,
    min: 1,
    max: 1000,
    scale: 'log',
    step: 0,
    resets: false,
    help: 'Concept explorer: background pixels per foreground pixel (f = 200 fixed).',
  }),
  conceptQuality: num({
    label: 'Explorer quality',
    urlKey: 'cq',
    default: 0.5,
    min: 0,
    max: 1,
    scale: 'linear',
    step: 0.01,
    resets: false,
    help: 'Concept explorer: how well the imagined network separates the classes (0 poor, 1 near-perfect).',
  }),
  conceptRankAxis: choice<RankAxisMode>({
    label: 'Explorer rank axis',
    urlKey: 'cra',
    default: 'head',
    resets: false,
    options: [
      { value: 'head', label: 'head + tail' },
      { value: 'linear', label: 'linear' },
      { value: 'log', label: 'log' },
    ],
    help: 'Concept explorer, Fig. 2: two linear segments (ranks 1–2f widened, then the tail; areas to scale within each), one linear axis (each area is the sum it labels) or log (no area claim).',
  }),
  backend: choice<'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu'>({
    label: 'Backend',
    urlKey: 'be',
    default: 'auto',
    resets: false,
    options: [
      { value: 'auto', label: 'auto (fastest here)' },
      { value: 'webgpu', label: 'WebGPU' },
      { value: 'webgl', label: 'WebGL' },
      { value: 'wasm', label: 'WASM (CPU, SIMD)' },
      { value: 'cpu', label: 'CPU (plain JS)' },
    ],
    help: 'Where training runs: auto times each available backend once and picks the fastest; a change moves the run over at its current step.',
  }),
  speed: num({
    label: 'Speed',
    urlKey: 'spd',
    default: 1,
    min: 0.05,
    max: 1,
    scale: 'log',
    step: 2,
    resets: false,
    help: 'Fraction of full speed; slow it down to watch single steps.',
  }),
} as const satisfies Record<string, ParamSpec>;

export type ParamKey = keyof typeof schema;
type ValueOf<S> = S extends ChoiceParam<infer T> ? T : number;
export type Params = { -readonly [K in ParamKey]: ValueOf<(typeof schema)[K]> };

export const paramKeys = Object.keys(schema) as ParamKey[];

export const DEFAULT_PARAMS: Params = Object.fromEntries(paramKeys.map((k) => [k, schema[k].default])) as Params;

/** Result of checking one value against its spec: the value to use and, if changed, why. */
export interface Clamped<V> {
  value: V;
  problem?: string;
}

export function clampParam<K extends ParamKey>(key: K, raw: unknown): Clamped<Params[K]> {
  const spec: ParamSpec = schema[key];
  if (spec.kind === 'choice') {
    const ok = spec.options.some((o) => o.value === raw);
    if (ok) return { value: raw as Params[K] };
    return {
      value: spec.default as Params[K],
      problem: `${spec.label}: “${String(raw)}” is not one of ${spec.options.map((o) => o.value).join(', ')}; using ${spec.default}`,
    };
  }
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n))
    return {
      value: spec.default as Params[K],
      problem: `${spec.label}: “${String(raw)}” is not a number; using ${spec.default}`,
    };
  let v = Math.min(spec.max, Math.max(spec.min, n));
  if (spec.integer) v = Math.round(v);
  if (v !== n)
    return {
      value: v as Params[K],
      problem: `${spec.label}: ${n} is outside ${spec.min}–${spec.max}${spec.integer ? ' or not whole' : ''}; using ${v}`,
    };
  return { value: v as Params[K] };
}

/** Checks a partial set of parameters, returning the clamped values and every problem found. */
export function clampParams(raw: Partial<Record<ParamKey, unknown>>): { params: Partial<Params>; problems: string[] } {
  const params: Partial<Params> = {};
  const problems: string[] = [];
  for (const key of paramKeys) {
    if (!(key in raw)) continue;
    const { value, problem } = clampParam(key, raw[key]);
    (params as Record<ParamKey, unknown>)[key] = value;
    if (problem) problems.push(problem);
  }
  return { params, problems };
}

/** The ε that the losses take: the slider value or the authors' 'reference'. */
export const effectiveEps = (p: Pick<Params, 'eps' | 'epsMode'>): number | 'reference' =>
  p.epsMode === 'reference' ? 'reference' : p.eps;
