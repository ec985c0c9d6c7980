/**
 * The Python logger (python/balance_lab): its own unit tests, and the cross-language check that
 * fixture predictions logged from Python read back in the lab with the same numbers the lab's
 * TypeScript functions give on the same predictions (docs/python-logger.md).
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradientHistogram, type GradientHistogram } from '../../src/core/gradientHistogram';
import { histogram } from '../../src/core/histogram';
import { lossIds, type LossId } from '../../src/core/lossInfo';
import { metrics } from '../../src/core/metrics';
import { pixelGradients } from '../../src/core/gradients';
import { Rng } from '../../src/data/random';
import { displayEps } from '../../src/engine/displayEps';
import { trainedLossAt } from '../../src/engine/stage';
import { isLogValue, logFromValue, type LoggedRun } from '../../src/export/logFile';
import { parseJsonText } from '../../src/export/runFile';
import { fixtureStep, logWithPython, runPython, type FixtureRun } from '../fixtures/python';

describe('Python logger: its unit tests', () => {
  it('pass under unittest (python/tests), the example with PyTorch included', () => {
    // PyTorch's import and the example's few training steps take seconds, more on a loaded machine.
    const run = runPython(['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'], 900_000);
    if (run.error) throw run.error;
    expect(run.status, run.stderr.slice(-6000)).toBe(0);
    const ran = /Ran (\d+) tests?/.exec(run.stderr);
    expect(Number(ran?.[1] ?? 0), run.stderr.slice(-2000)).toBeGreaterThanOrEqual(20);
  }, 900_000);
});

function sameBits(a: Float64Array, b: Float64Array, what: string): void {
  expect(Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)), what).toEqual(
    Array.from(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)),
  );
}

/** Exact bits, except Focal: its −log q comes from different math libraries (fdlibm vs libm). */
function sameGradients(a: GradientHistogram, b: GradientHistogram, loss: LossId, what: string): void {
  if (loss !== 'focal') {
    sameBits(a.bgSum, b.bgSum, `${what}.bgSum`);
    expect(Object.is(a.bgZero, b.bgZero) && Object.is(a.total, b.total), what).toBe(true);
    return;
  }
  for (let j = 0; j < a.bins; j++) expect(a.bgSum[j], `${what}.bgSum[${j}]`).toBeCloseTo(b.bgSum[j], 14);
  expect(a.total / b.total, what).toBeCloseTo(1, 13);
}

function readLogged(path: string): LoggedRun {
  const json = parseJsonText(readFileSync(path, 'utf8'));
  if (!json.ok || !isLogValue(json.value)) throw new Error(`${path} is not a logged run`);
  const parsed = logFromValue(json.value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.log;
}

function checkRun(run: FixtureRun, log: LoggedRun): void {
  const { loss, t_hard: tHard, a, eps } = run.settings;
  expect(log.history.map((e) => e.step)).toEqual(run.steps.map((s) => s.step));
  expect(log.steps.map((s) => [s.step, s.loss])).toEqual(run.steps.map((s) => [s.step, s.loss]));
  run.steps.forEach((s, i) => {
    const e = log.history[i];
    const what = `${run.name} step ${s.step}`;
    const n = s.shape[0];
    const h = histogram(s.p, s.y);
    for (const key of ['bgCount', 'bgSum', 'fgCount', 'fgErrSum'] as const)
      sameBits(e.hist[key], h[key], `${what} ${key}`);
    expect([e.hist.bgZero, e.hist.fgErrOne], what).toEqual([h.bgZero, h.fgErrOne]);
    const m = metrics(s.p, s.y, 0.5);
    expect([e.dice, e.iou, e.fpHard, e.fnHard], what).toEqual([m.dice, m.iou, m.fp, m.fn]);
    expect(e.eps, what).toBe(
      displayEps({ eps: eps === 'reference' ? 0.01 : eps, epsMode: eps === 'reference' ? 'reference' : 'value' }, s.y),
    );
    const trained = s.stage === null ? loss : trainedLossAt(loss, s.stage);
    expect(e.grad?.trained, what).toBe(trained);
    const opts = { tHard, eps, a };
    const grad = (id: LossId) => gradientHistogram(pixelGradients(id, s.p, s.y, n, opts), s.p, s.y);
    sameGradients(e.grad!.trainedHist, grad(trained), trained, `${what} trained ${trained}`);
    sameGradients(e.grad!.bceHist, grad('bce'), 'bce', `${what} bce`);
  });
  const last = run.steps[run.steps.length - 1];
  const kept = Math.min(16, last.shape[0]) * last.shape[last.shape.length - 1] * last.shape[last.shape.length - 2];
  expect(Array.from(log.last.p)).toEqual(Array.from(last.p.subarray(0, kept)));
  expect(Array.from(log.last.masks)).toEqual(Array.from(last.y.subarray(0, kept)));
}

describe('Python logger → file → the lab’s reader: the same numbers as the lab', () => {
  it('for every loss, both ε settings, non-square images, a channel axis and N changing per call', () => {
    const dir = mkdtempSync(join(tmpdir(), 'balance-lab-cross-'));
    const rng = new Rng(20250806);
    const settings = [
      ...lossIds.map((loss) => ({ loss, eps: 'reference' as const })),
      { loss: 'balance' as const, eps: 0.05 },
      { loss: 'inter' as const, eps: 0.2 },
    ];
    const runs: FixtureRun[] = settings.map(({ loss, eps }, k) => {
      const stages: (1 | 2 | null)[] = loss === 'balance' ? [1, 1, 2] : [null, null, null];
      const steps = [fixtureStep(rng, 0, 3, 5, 7, stages[0]), fixtureStep(rng, 4, 1, 5, 7, stages[1])];
      const last = fixtureStep(rng, 9, 2, 5, 7, stages[2]);
      steps.push({ ...last, shape: [2, 1, 5, 7] });
      return {
        name: `${loss} ${eps}`,
        out: join(dir, `run-${k}.json`),
        settings: { loss, t: 0.5, t_hard: 0.9, a: 0.3, eps },
        steps,
      };
    });
    logWithPython(runs);
    for (const run of runs) {
      const log = readLogged(run.out);
      expect(log.settings.loss).toBe(run.settings.loss);
      expect([log.last.n, log.last.height, log.last.width]).toEqual([2, 5, 7]);
      checkRun(run, log);
    }
  });
});
