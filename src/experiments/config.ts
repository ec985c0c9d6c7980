/**
 * The sweep's arguments, parsed from text (CLI flags, URL, the form in the app) and checked
 * against the parameter schema, so a sweep can never ask for a run the lab could not train.
 */
import { lossIds, type LossId } from '../core/lossInfo';
import { schema, type NumberParam } from '../params/schema';
import { SWEEP_SWITCHES, type SweepConfig, type SweepSwitch } from './types';

/** Small enough to finish in minutes on WASM (32 px, 2 levels, width 4). */
export const DEFAULT_SWEEP: SweepConfig = {
  losses: ['bce', 'balance'],
  switches: ['auto'],
  ratios: [10, 50, 200, 500],
  seeds: [1, 2, 3],
  steps: 300,
  size: '32',
  levels: 2,
  width: 4,
  batchSize: 8,
  lr: 3e-3,
  t: 0.5,
  trainSize: 64,
  valSize: 16,
};

/** Longest run a sweep may ask for: beyond this a single run is better watched live. */
export const MAX_STEPS = 20000;

/** Argument names (CLI flags without `--`, URL keys after `x`) and the config field each sets. */
export const SWEEP_ARGS = {
  losses: 'losses',
  switch: 'switches',
  ratios: 'ratios',
  seeds: 'seeds',
  steps: 'steps',
  size: 'size',
  levels: 'levels',
  width: 'width',
  batch: 'batchSize',
  lr: 'lr',
  t: 't',
  train: 'trainSize',
  val: 'valSize',
} as const satisfies Record<string, keyof SweepConfig>;

export type SweepArg = keyof typeof SWEEP_ARGS;
export const sweepArgNames = Object.keys(SWEEP_ARGS) as SweepArg[];

/** A refused argument: the message names the argument and the value, so the user can fix it. */
export class SweepArgError extends Error {
  constructor(
    readonly argument: string,
    readonly value: string,
    why: string,
  ) {
    super(`--${argument} ${JSON.stringify(value)}: ${why}`);
    this.name = 'SweepArgError';
  }
}

function parseNumber(arg: string, text: string, range: { min: number; max: number; integer?: boolean }): number {
  const trimmed = text.trim();
  const n = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(n)) throw new SweepArgError(arg, text, 'is not a number');
  if (range.integer && !Number.isInteger(n)) throw new SweepArgError(arg, text, 'must be a whole number');
  if (n < range.min || n > range.max)
    throw new SweepArgError(arg, text, `must be between ${range.min} and ${range.max}`);
  return n;
}

/** A number checked against a schema parameter's own range. */
const schemaNumber = (arg: string, text: string, spec: NumberParam): number => parseNumber(arg, text, spec);

function parseList<T>(arg: string, text: string, item: (piece: string) => T): T[] {
  const pieces = text.split(',').map((s) => s.trim());
  if (pieces.length === 0 || pieces.some((s) => s === ''))
    throw new SweepArgError(arg, text, 'must be a comma-separated list with no empty items');
  const values = pieces.map(item);
  const seen = new Set<string>();
  for (const v of values) {
    const key = String(v);
    if (seen.has(key)) throw new SweepArgError(arg, text, `lists ${key} twice`);
    seen.add(key);
  }
  return values;
}

function parseLoss(text: string): LossId {
  const id = lossIds.find((l) => l === text);
  if (!id) throw new SweepArgError('losses', text, `unknown loss; the losses are ${lossIds.join(', ')}`);
  return id;
}

function parseSwitch(text: string): SweepSwitch {
  const mode = SWEEP_SWITCHES.find((m) => m === text);
  if (!mode) throw new SweepArgError('switch', text, `unknown switch mode; the modes are ${SWEEP_SWITCHES.join(', ')}`);
  return mode;
}

function parseSize(text: string): SweepConfig['size'] {
  const opt = schema.size.options.find((o) => o.value === text.trim());
  if (!opt)
    throw new SweepArgError('size', text, `must be one of ${schema.size.options.map((o) => o.value).join(', ')}`);
  return opt.value;
}

/** Parses one argument into its config field. */
function parseArg(arg: SweepArg, text: string): Partial<SweepConfig> {
  switch (arg) {
    case 'losses':
      return { losses: parseList(arg, text, (s) => parseLoss(s)) };
    case 'switch':
      return { switches: parseList(arg, text, (s) => parseSwitch(s)) };
    case 'ratios':
      // The same range as the imbalance slider: a sweep point is always a run the lab can show.
      return { ratios: parseList(arg, text, (s) => schemaNumber(arg, s, schema.imbalance)) };
    case 'seeds':
      return { seeds: parseList(arg, text, (s) => schemaNumber(arg, s, schema.seed)) };
    case 'steps':
      return { steps: parseNumber(arg, text, { min: 1, max: MAX_STEPS, integer: true }) };
    case 'size':
      return { size: parseSize(text) };
    case 'levels':
      return { levels: schemaNumber(arg, text, schema.levels) };
    case 'width':
      return { width: schemaNumber(arg, text, schema.width) };
    case 'batch':
      return { batchSize: schemaNumber(arg, text, schema.batchSize) };
    case 'lr':
      return { lr: schemaNumber(arg, text, schema.lr) };
    case 't':
      return { t: schemaNumber(arg, text, schema.t) };
    case 'train':
      return { trainSize: schemaNumber(arg, text, schema.trainSize) };
    case 'val':
      return { valSize: schemaNumber(arg, text, schema.valSize) };
  }
}

export const isSweepArg = (name: string): name is SweepArg => (sweepArgNames as string[]).includes(name);

/** Builds a config from textual arguments over the defaults; throws SweepArgError on the first bad one. */
export function parseSweepArgs(
  args: Partial<Record<SweepArg, string>>,
  base: SweepConfig = DEFAULT_SWEEP,
): SweepConfig {
  let config: SweepConfig = { ...base };
  for (const arg of sweepArgNames) {
    const text = args[arg];
    if (text !== undefined) config = { ...config, ...parseArg(arg, text) };
  }
  return config;
}

/** The config as textual arguments (the inverse of parseSweepArgs, for URLs and the form). */
export function sweepArgsOf(config: SweepConfig): Record<SweepArg, string> {
  const out = {} as Record<SweepArg, string>;
  for (const arg of sweepArgNames) {
    const value = config[SWEEP_ARGS[arg]];
    out[arg] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return out;
}

/** Checks a config that arrived whole (an opened results file, saved state) by its textual form. */
export function checkSweepConfig(config: SweepConfig): SweepConfig {
  return parseSweepArgs(sweepArgsOf(config));
}
