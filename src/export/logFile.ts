/**
 * Runs logged elsewhere (the Python logger of python/balance_lab, docs/python-logger.md): format
 * "balance-lab-log", version 1. Each logged step carries the same histograms the lab logs, so
 * every history panel re-reads it at any t; the last logged predictions are kept exactly
 * (float32, at most 16 items) for Fig. 2, the bars, the equations and the gradient panels.
 */
import type { StepRecord } from '../engine/protocol';
import type { HistoryEntry } from '../state/historyTypes';
import { lossIds, type LossId } from '../core/lossInfo';
import { readGradientTrace, readHistogram } from './runFile';
import { FileProblem, floats, int, list, num, obj, oneOf, str, type Obj } from './validate';

export const LOG_FORMAT = 'balance-lab-log';
export const LOG_VERSION = 1;
/** The most items of the last step a log keeps (the logger's MAX_ITEMS). */
export const MAX_LOGGED_ITEMS = 16;

/** The loss settings the run was logged with (what its gradient histograms were computed for). */
export interface LogSettings {
  loss: LossId;
  t: number;
  tHard: number;
  a: number;
  eps: number | 'reference';
}

/** The last logged step's first n items, exactly as logged: n × height × width values each. */
export interface LastPredictions {
  step: number;
  n: number;
  height: number;
  width: number;
  p: Float32Array;
  masks: Float32Array;
  /** Inputs scaled to [0, 1] for display; null when none were logged. */
  images: Float32Array | null;
}

export interface LoggedRun {
  format: typeof LOG_FORMAT;
  version: typeof LOG_VERSION;
  writer: string;
  name: string;
  savedAt: string;
  settings: LogSettings;
  /** The last logged step. */
  step: number;
  /** Stage 1 stands in where the log gave no stage (stagesLogged tells). */
  history: HistoryEntry[];
  steps: StepRecord[];
  /** Whether any step was logged with a stage: the stage panel shows only then. */
  stagesLogged: boolean;
  last: LastPredictions;
}

const stageOf = (v: unknown, path: string): 1 | 2 | null => (v === null ? null : oneOf(v, path, [1, 2] as const));

function readSettings(v: unknown): LogSettings {
  const o = obj(v, 'settings');
  const inRange = (key: string, lo: number, hi: number): number => {
    const x = num(o[key], `settings.${key}`);
    if (!(x >= lo && x <= hi)) throw new FileProblem(`settings.${key} is ${x}, outside [${lo}, ${hi}].`);
    return x;
  };
  return {
    loss: oneOf(o.loss, 'settings.loss', lossIds),
    t: inRange('t', 0, 1),
    tHard: inRange('tHard', 0.5, 0.999),
    a: inRange('a', 0, 1),
    eps: o.eps === 'reference' ? 'reference' : inRange('eps', 1e-4, 1),
  };
}

function readEntry(v: unknown, path: string): { entry: HistoryEntry; logged: boolean } {
  const o = obj(v, path);
  const stage = stageOf(o.stage, `${path}.stage`);
  const entry: HistoryEntry = {
    step: int(o.step, `${path}.step`),
    stage: stage ?? 1,
    loss: num(o.loss, `${path}.loss`),
    intra: null,
    inter: null,
    dice: num(o.dice, `${path}.dice`),
    iou: num(o.iou, `${path}.iou`),
    fpHard: int(o.fpHard, `${path}.fpHard`),
    fnHard: int(o.fnHard, `${path}.fnHard`),
    hist: readHistogram(o.hist, `${path}.hist`),
    eps: num(o.eps, `${path}.eps`),
    grad: readGradientTrace(o.grad, `${path}.grad`),
  };
  return { entry, logged: stage !== null };
}

function readStepRecords(v: unknown): { steps: StepRecord[]; logged: boolean } {
  let logged = false;
  const steps = list(v, 'steps').map((s, i): StepRecord => {
    const o = obj(s, `steps[${i}]`);
    const stage = stageOf(o.stage, `steps[${i}].stage`);
    logged ||= stage !== null;
    return {
      step: int(o.step, `steps[${i}].step`),
      loss: num(o.loss, `steps[${i}].loss`),
      stage: stage ?? 1,
      check: null,
    };
  });
  return { steps, logged };
}

function readLast(v: unknown): LastPredictions {
  const o = obj(v, 'last');
  const n = int(o.n, 'last.n', 1);
  if (n > MAX_LOGGED_ITEMS) throw new FileProblem(`last.n is ${n}, but a log keeps at most ${MAX_LOGGED_ITEMS} items.`);
  const height = int(o.height, 'last.height', 1);
  const width = int(o.width, 'last.width', 1);
  const length = n * height * width;
  return {
    step: int(o.step, 'last.step'),
    n,
    height,
    width,
    p: floats(o.p, 'last.p', 'float32', length),
    masks: floats(o.masks, 'last.masks', 'float32', length),
    images: o.images === null ? null : floats(o.images, 'last.images', 'float32', length),
  };
}

function ascending(steps: readonly { step: number }[], path: string): void {
  for (let i = 1; i < steps.length; i++)
    if (steps[i].step <= steps[i - 1].step)
      throw new FileProblem(`${path}[${i}].step ${steps[i].step} does not come after ${steps[i - 1].step}.`);
}

/** A parsed JSON object whose format is LOG_FORMAT, checked field by field; throws FileProblem. */
export function readLog(o: Obj): LoggedRun {
  if (o.version !== LOG_VERSION)
    throw new FileProblem(
      `it is a logged run of version ${JSON.stringify(o.version) ?? '(missing)'}, but this app reads version ${LOG_VERSION} only.`,
    );
  const entries = list(o.history, 'history').map((e, i) => readEntry(e, `history[${i}]`));
  if (entries.length === 0) throw new FileProblem('history is empty: nothing was logged yet.');
  const history = entries.map((e) => e.entry);
  ascending(history, 'history');
  const { steps, logged } = readStepRecords(o.steps);
  ascending(steps, 'steps');
  const step = int(o.step, 'step');
  const last = readLast(o.last);
  if (last.step !== step) throw new FileProblem(`last.step is ${last.step}, but the file's step is ${step}.`);
  if (history[history.length - 1].step !== step)
    throw new FileProblem(
      `the history ends at step ${history[history.length - 1].step}, not at the last step ${step}.`,
    );
  return {
    format: LOG_FORMAT,
    version: LOG_VERSION,
    writer: str(o.writer, 'writer'),
    name: str(o.name, 'name'),
    savedAt: str(o.savedAt, 'savedAt'),
    settings: readSettings(o.settings),
    step,
    history,
    steps,
    stagesLogged: logged || entries.some((e) => e.logged),
    last,
  };
}

export type ParsedLog = { ok: true; log: LoggedRun } | { ok: false; error: string };

/** A parsed JSON value as a logged run, or a sentence naming the first problem; never throws. */
export function logFromValue(raw: Obj): ParsedLog {
  try {
    return { ok: true, log: readLog(raw) };
  } catch (err) {
    if (err instanceof FileProblem) return { ok: false, error: `This logged run cannot be opened: ${err.message}` };
    throw err;
  }
}

/** Whether a parsed JSON value claims to be a logged run (the reader then checks the rest). */
export const isLogValue = (raw: unknown): raw is Obj =>
  typeof raw === 'object' && raw !== null && !Array.isArray(raw) && (raw as Obj).format === LOG_FORMAT;
