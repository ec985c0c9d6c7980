/**
 * The logged-run reader (src/export/logFile.ts) and the view built from it (src/export/logView.ts):
 * a bad file gets one sentence naming what is wrong; a good one becomes a run whose snapshot is
 * src/core on the exact logged predictions.
 */
import { describe, expect, it } from 'vitest';
import { decompose, histogram, metrics } from '../../src/core';
import { gradientHistogram } from '../../src/core/gradientHistogram';
import { pixelGradients } from '../../src/core/gradients';
import { encodeArray } from '../../src/export/binary';
import { isLogValue, logFromValue } from '../../src/export/logFile';
import { loggedRunView, VIEWED_RUN_ID } from '../../src/export/logView';
import { DEFAULT_PARAMS } from '../../src/params/schema';

const H = 3;
const W = 4;
const p = new Float32Array([0, 0.1, 0.2, 0.9, 0.55, 0.5, 0.3, 0.7, 0.05, 0.95, 1, 0.4]);
const y = new Float32Array([0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0]);

function plain(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(v, (_k, x: unknown) =>
      x instanceof Float32Array || x instanceof Float64Array ? encodeArray(x) : x,
    ),
  ) as unknown;
}

function entry(step: number, stage: 1 | 2 | null) {
  const g = (id: 'bce' | 'intra') =>
    gradientHistogram(pixelGradients(id, p, y, 1, { tHard: 0.9, eps: 'reference', a: 0.5 }), p, y);
  const m = metrics(p, y, 0.5);
  return {
    step,
    stage,
    loss: 0.5,
    dice: m.dice,
    iou: m.iou,
    fpHard: m.fp,
    fnHard: m.fn,
    hist: histogram(p, y),
    eps: 4 / 12,
    grad: { trained: stage === 2 ? 'balance' : 'intra', trainedHist: g('intra'), bceHist: g('bce') },
  };
}

/** The file's JSON, loosely typed so each test can break one field. */
interface LogJson {
  [key: string]: unknown;
  settings: Record<string, unknown>;
  history: Record<string, unknown>[];
  steps: Record<string, unknown>[];
  last: Record<string, unknown>;
}

function validLog(): LogJson {
  return plain({
    format: 'balance-lab-log',
    version: 1,
    writer: 'test',
    name: 'tiny',
    startedAt: '2025-01-01T00:00:00Z',
    savedAt: '2025-01-01T00:00:00Z',
    settings: { loss: 'balance', t: 0.4, tHard: 0.9, a: 0.5, eps: 'reference' },
    step: 7,
    history: [entry(3, 1), entry(7, 2)],
    steps: [
      { step: 3, loss: 0.6, stage: 1 },
      { step: 7, loss: 'NaN', stage: 2 },
    ],
    last: { step: 7, n: 1, height: H, width: W, p, masks: y, images: null },
  }) as LogJson;
}

function problem(edit: (log: LogJson) => void): string {
  const log = validLog();
  edit(log);
  const parsed = logFromValue(log);
  expect(parsed.ok).toBe(false);
  return parsed.ok ? '' : parsed.error;
}

describe('logged-run reader', () => {
  it('reads a valid log: stages, NaN loss, exact predictions', () => {
    const log = validLog();
    expect(isLogValue(log)).toBe(true);
    const parsed = logFromValue(log);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.log.stagesLogged).toBe(true);
    expect(parsed.log.steps[1].loss).toBeNaN();
    expect(Array.from(parsed.log.last.p)).toEqual(Array.from(p));
    expect(parsed.log.history[1].hist.bgSum).toEqual(histogram(p, y).bgSum);
  });

  it('names what is wrong', () => {
    expect(problem((l) => (l.version = 2))).toContain('version 2, but this app reads version 1 only');
    expect(problem((l) => (l.settings.loss = 'lovasz'))).toContain('settings.loss should be one of balance, intra');
    expect(problem((l) => (l.settings.tHard = 0.2))).toContain('settings.tHard is 0.2, outside [0.5, 0.999]');
    expect(problem((l) => (l.history = []))).toContain('history is empty');
    expect(problem((l) => (l.history[1].step = 3))).toContain('history[1].step 3 does not come after 3');
    expect(problem((l) => (l.last.height = 2))).toContain('last.p has 12 values, but 8 were expected');
    expect(problem((l) => (l.last.n = 17))).toContain('at most 16 items');
    expect(problem((l) => (l.step = 8))).toContain("last.step is 7, but the file's step is 8");
    expect(problem((l) => delete l.history[0].hist)).toContain(
      'history[0].hist should be an object, but it is missing',
    );
    expect(problem((l) => (l.history[0].stage = 3))).toContain('history[0].stage should be one of 1, 2');
  });

  it('without stages: stage 1 stands in, and the view hides the stage panel', () => {
    const log = validLog();
    for (const e of log.history) e.stage = null;
    for (const s of log.steps) s.stage = null;
    const parsed = logFromValue(log);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.log.stagesLogged).toBe(false);
    expect(parsed.log.history.map((e) => e.stage)).toEqual([1, 1]);
    const { viewed, run } = loggedRunView(parsed.log, DEFAULT_PARAMS, 'x.json');
    expect(viewed.stagesLogged).toBe(false);
    expect(run.snapshot?.stage.switchedAt).toBeNull();
  });
});

describe('the view of a logged run', () => {
  it('takes the logged settings and builds its snapshot with src/core on the logged predictions', () => {
    const parsed = logFromValue(validLog());
    if (!parsed.ok) throw new Error(parsed.error);
    const { run, viewed } = loggedRunView(parsed.log, { ...DEFAULT_PARAMS, t: 0.9, loss: 'bce' }, 'tiny.json');
    expect([run.params.loss, run.params.t, run.params.epsMode]).toEqual(['balance', 0.4, 'reference']);
    expect([viewed.height, viewed.width, viewed.fileName, viewed.hasImages]).toEqual([H, W, 'tiny.json', false]);
    expect(run.liveStep).toBe(7);
    expect(run.dataset.runId).toBe(VIEWED_RUN_ID);
    const s = run.snapshot!;
    expect([s.stage.stage, s.stage.switchedAt]).toEqual([2, 3]); // the last stage-1 point before stage 2
    expect(s.valMetrics).toEqual(metrics(p, y, 0.5));
    expect(s.valHistogram).toEqual(histogram(p, y));
    expect(s.valDecomposition).toEqual(decompose(p, y, { t: 0.4, eps: 4 / 12 }));
    expect(run.dataset.valImages).toEqual(new Float32Array(12));
  });
});
