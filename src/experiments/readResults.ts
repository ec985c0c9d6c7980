import { lossIds } from '../core/lossInfo';
import { checkSweepConfig, DEFAULT_SWEEP } from './config';
import { summarise } from './summary';
import { FINAL_KEYS, SWEEP_SWITCHES, type CurvePoint, type RunResult, type SweepResults } from './types';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numOrNull = (v: unknown): v is number | null => v === null || isNum(v);
const CURVE_KEYS = ['step', 'dice', 'fpMain', 'fpBias', 'fnMain', 'fnBias'] as const;

function readCurve(v: unknown, where: string): CurvePoint[] {
  // Results written before the curves existed have none.
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Error(`${where}.curve is not a list`);
  return v.map((p: unknown, i) => {
    if (!isRecord(p) || (p.stage !== 1 && p.stage !== 2) || CURVE_KEYS.some((k) => !isNum(p[k])))
      throw new Error(`${where}.curve[${i}] needs numeric ${CURVE_KEYS.join(', ')} and a stage of 1 or 2`);
    return { stage: p.stage, ...Object.fromEntries(CURVE_KEYS.map((k) => [k, p[k]])) } as CurvePoint;
  });
}

function readSwitch(v: Record<string, unknown>, where: string): RunResult['switch'] {
  // Results written before the switch was a sweep dimension ran the Balance loss in 'auto'.
  if (v.loss !== 'balance') return null;
  if (v.switch === undefined) return 'auto';
  const mode = SWEEP_SWITCHES.find((m) => m === v.switch);
  if (!mode) throw new Error(`${where}.switch ${JSON.stringify(v.switch)} is not one of ${SWEEP_SWITCHES.join(', ')}`);
  return mode;
}

function readRun(v: unknown, i: number): RunResult {
  const where = `runs[${i}]`;
  if (!isRecord(v) || !isRecord(v.final)) throw new Error(`${where} is not a run with a "final" object`);
  const { loss, ratio, seed, steps, switchStep, divergedAt, trainedAtEnd, final } = v;
  if (!lossIds.some((id) => id === loss))
    throw new Error(`${where}.loss ${JSON.stringify(loss)} is not a loss of this lab`);
  if (!isNum(ratio) || !isNum(seed) || !isNum(steps)) throw new Error(`${where} needs numeric ratio, seed and steps`);
  if (!numOrNull(switchStep) || !numOrNull(divergedAt ?? null))
    throw new Error(`${where}.switchStep must be a number or null`);
  for (const k of FINAL_KEYS)
    if (!isNum(final[k])) throw new Error(`${where}.final.${k} is missing or not a finite number`);
  const trained = lossIds.find((id) => id === trainedAtEnd) ?? (loss as RunResult['loss']);
  return {
    loss: loss as RunResult['loss'],
    switch: readSwitch(v, where),
    ratio,
    seed,
    steps,
    switchStep,
    divergedAt: (divergedAt ?? null) as number | null,
    trainedAtEnd: trained,
    final: Object.fromEntries(FINAL_KEYS.map((k) => [k, final[k]])) as unknown as RunResult['final'],
    curve: readCurve(v.curve, where),
  };
}

/**
 * A results file (from the CLI or the app's JSON export) checked field by field. The summary is
 * recomputed from the runs, so what is shown always follows from the runs in the file.
 */
export function readResults(text: string): SweepResults {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('the file is not JSON');
  }
  if (!isRecord(raw) || !isRecord(raw.config) || !Array.isArray(raw.runs))
    throw new Error('the file has no "config" and "runs": it is not a sweep result');
  // A file from before the switch dimension has no `switches`: it ran the default.
  const config = checkSweepConfig({ switches: DEFAULT_SWEEP.switches, ...raw.config } as SweepResults['config']);
  const runs = raw.runs.map(readRun);
  return {
    config,
    runs,
    summary: summarise(runs),
    ...(isRecord(raw.meta) ? { meta: raw.meta as SweepResults['meta'] } : {}),
  };
}
