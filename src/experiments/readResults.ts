import { lossIds } from '../core/lossInfo';
import { checkSweepConfig } from './config';
import { summarise } from './summary';
import { FINAL_KEYS, type RunResult, type SweepResults } from './types';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numOrNull = (v: unknown): v is number | null => v === null || isNum(v);

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
    ratio,
    seed,
    steps,
    switchStep,
    divergedAt: (divergedAt ?? null) as number | null,
    trainedAtEnd: trained,
    final: Object.fromEntries(FINAL_KEYS.map((k) => [k, final[k]])) as unknown as RunResult['final'],
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
  const config = checkSweepConfig(raw.config as unknown as SweepResults['config']);
  const runs = raw.runs.map(readRun);
  return {
    config,
    runs,
    summary: summarise(runs),
    ...(isRecord(raw.meta) ? { meta: raw.meta as SweepResults['meta'] } : {}),
  };
}
