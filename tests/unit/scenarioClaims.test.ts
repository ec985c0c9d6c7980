/**
 * Every sentence of the scenarios and the tour that predicts what training will show is backed
 * here by a run with that scenario's parameters on a small configuration (docs/design.md §1.3:
 * "measure, don't promise"); sentences about what the math guarantees are checked on data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decompose, gradientShares, pixelGradients } from '../../src/core';
import { displayEps } from '../../src/engine/displayEps';
import { Trainer, type StepOutcome } from '../../src/engine/trainer';
import { epsCase } from '../../src/panels/equations/epsCase';
import { conceptPredictions } from '../../src/panels/conceptData';
import { SCENARIOS, scenarioState } from '../../src/state/scenarios';
import { bgBiasShareAt } from '../../src/core/gradientHistogram';
import { DEFAULT_PARAMS, type Params } from '../../src/params/schema';
import { useWasm } from './helpers';

beforeAll(useWasm);

/** This machine's run size, as scenarioState keeps it: 32 px, 2 levels, width 4, about 1:50. */
const MACHINE: Params = {
  ...DEFAULT_PARAMS,
  size: '32',
  levels: 2,
  width: 4,
  trainSize: 48,
  valSize: 16,
  batchSize: 8,
  imbalance: 50,
};

const scenario = (id: string) => {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  return { s, params: scenarioState(s, MACHINE).params };
};

interface ImageCase {
  /** Eq. 12's condition: the f-th largest background prediction is at least t. */
  eq12: boolean;
  /** Pixels above t fall outside the top f (FP_hard > f), so ε reaches the main term. */
  mainAltered: boolean;
  /** The ε-weighted main term over the plain one (1: untouched). */
  mainKept: number;
  /** What the Fig. 2 legend names the case. */
  tag: string;
}

/** Per validation image, the Eq. 11/12 case of its predictions with the run's ε (as the panels show it). */
function imageCases(valP: Float32Array, valY: Float32Array, nVal: number, params: Params): ImageCase[] {
  const px = valP.length / nVal;
  return Array.from({ length: nVal }, (_, i) => {
    const y = valY.subarray(i * px, (i + 1) * px);
    const eps = displayEps(params, y);
    const d = decompose(valP.subarray(i * px, (i + 1) * px), y, { t: params.t, eps });
    return {
      eq12: d.eq12,
      mainAltered: d.mainAltered,
      mainKept: d.fpMain > 0 ? d.fpMainW / d.fpMain : 1,
      tag: epsCase(d, params.t, eps).tag,
    };
  });
}

/** The record of a step that must have trained; a NaN step fails the test with its message. */
function finiteStep(o: StepOutcome, what: string) {
  if (o.kind !== 'ok') return expect.fail(`${what}: the step was not finite (${o.message})`);
  return o.record;
}

/**
 * Eq. 12 with the main term altered, seen on validation images in `steps` steps of a run: the
 * steps where some image is in Eq. 12, and every image-step where ε weighs the main term down.
 */
async function eq12Seen(trainer: Trainer, params: Params, steps: number) {
  const info = trainer.datasetInfo();
  const eq12Steps: { step: number; share: number }[] = [];
  const altered: (ImageCase & { step: number })[] = [];
  for (let step = 0; step <= steps; step++) {
    while (trainer.stepCount < step) finiteStep(await trainer.step(), `step ${trainer.stepCount + 1}`);
    const snap = await trainer.snapshot('wasm', 0);
    const cases = imageCases(snap.valP, info.valMasks, info.nVal, params);
    const share = cases.filter((c) => c.eq12).length / cases.length;
    if (share > 0) eq12Steps.push({ step, share });
    for (const c of cases) if (c.mainAltered) altered.push({ ...c, step });
  }
  return { eq12Steps, altered };
}

/** The claim "ε weighs down part of the main term": on every image where pixels above t fall outside the top f. */
function expectMainTermWeighedDown(altered: (ImageCase & { step: number })[]): void {
  expect(altered.length).toBeGreaterThan(0);
  for (const c of altered) {
    expect(c.eq12, `step ${c.step}`).toBe(true);
    expect(c.mainKept, `step ${c.step}`).toBeLessThan(1);
    expect(c.tag, `step ${c.step}`).toBe('Eq. 12 — main term altered');
  }
  // Not a rounding-size effect: at its strongest, ε removes at least half of the main term.
  expect(Math.min(...altered.map((c) => c.mainKept))).toBeLessThanOrEqual(0.5);
}

describe('scenario claims that predict training, each run for real', () => {
  it('“Eq. 12 from scratch”: within the first few dozen Inter-CBL steps, in bursts, the f-th background prediction reaches t on some validation images, and ε weighs down part of the main term', async () => {
    const { params } = scenario('eq12');
    expect(params.loss).toBe('inter');
    const trainer = new Trainer(params);
    const { eq12Steps, altered } = await eq12Seen(trainer, params, 40);
    trainer.dispose();
    console.log(
      `eq12 scenario, steps with Eq. 12 on some validation images: ${eq12Steps.map((s) => `${s.step}: ${(100 * s.share).toFixed(0)}%`).join(', ')}; main term kept down to ${(100 * Math.min(...altered.map((c) => c.mainKept))).toFixed(0)}%`,
    );
    // Not at step 0: the output bias starts at σ(−2) ≈ 0.12, so every prediction starts below t.
    expect(eq12Steps.some((s) => s.step === 0)).toBe(false);
    expect(Math.max(...eq12Steps.map((s) => s.share))).toBeGreaterThanOrEqual(0.25);
    // Bursts, not the whole start: most of the first 40 steps are in Eq. 11.
    expect(eq12Steps.length).toBeGreaterThan(0);
    expect(eq12Steps.length).toBeLessThan(20);
    // The title's claim, "alters the main term": pixels above t fall outside the hard set and ε weighs them down.
    expectMainTermWeighedDown(altered);
  }, 180_000);

  it('“stage 2 from the start” (schema help, stage overrides, tour): the Balance loss trains from step 1, and within its first few dozen steps Inter-CBL’s ε weighs down part of the main term (Eq. 12)', async () => {
    const params: Params = { ...MACHINE, loss: 'balance', switchMode: 'fromStart' };
    const trainer = new Trainer(params);
    finiteStep(await trainer.step(), 'step 1');
    expect(trainer.stageState).toMatchObject({ stage: 2, switchedAt: null });
    const { eq12Steps, altered } = await eq12Seen(trainer, params, 40);
    expect(trainer.stageState.stage).toBe(2);
    trainer.dispose();
    console.log(
      `from the start: Eq. 12 at steps ${eq12Steps.map((s) => s.step).join(', ')}; main term kept down to ${(100 * Math.min(...altered.map((c) => c.mainKept))).toFixed(0)}%`,
    );
    expectMainTermWeighedDown(altered);
  }, 180_000);

  it('“The two-stage switch”: numF and numB reach n/2, the switch fires, and after it the trained loss puts less of its push on BG-bias pixels than BCE on the same predictions', async () => {
    const { params } = scenario('switch');
    expect(params.loss).toBe('balance');
    const trainer = new Trainer(params);
    const n = params.batchSize;
    const early = finiteStep(await trainer.step(), 'step 1');
    expect(early.check && early.check.numF >= n / 2 && early.check.numB >= n / 2).toBe(false);
    let last = early;
    for (let i = 0; i < 400 && trainer.stageState.stage === 1; i++)
      last = finiteStep(await trainer.step(), `step ${trainer.stepCount + 1}`);
    expect(trainer.stageState.stage).toBe(2);
    // The step that switched reported both counts at n/2 or more (a NaN step would have failed above).
    expect(last.check).toBeDefined();
    expect(last.check!.numF).toBeGreaterThanOrEqual(n / 2);
    expect(last.check!.numB).toBeGreaterThanOrEqual(n / 2);
    const switchedAt = trainer.stageState.switchedAt;
    for (let i = 0; i < 20; i++) await trainer.step();
    const snap = await trainer.snapshot('wasm', 0);
    const trace = snap.grad;
    expect(trace?.trained).toBe('balance');
    const trained = bgBiasShareAt(trace!.trainedHist, params.t);
    const bce = bgBiasShareAt(trace!.bceHist, params.t);
    console.log(
      `switch scenario: switched after step ${switchedAt}; 20 steps later BG-bias share ${(100 * trained).toFixed(1)}% (Balance) vs ${(100 * bce).toFixed(1)}% (BCE)`,
    );
    expect(trained).toBeLessThan(bce);
    trainer.dispose();
  }, 300_000);
});

describe('scenario claims the math guarantees', () => {
  it('“Soft FP is mostly bias”: the bias bar grows with b while the main bar stays put, at t ≥ 0.5 and quality ≥ 0.35 as the text says', () => {
    const { s, params } = scenario('bias');
    expect(s.narrative).toContain('t ≥ 0.5 with “Explorer quality” ≥ 0.35');
    expect(params.t).toBeGreaterThanOrEqual(0.5);
    expect(params.conceptQuality).toBeGreaterThanOrEqual(0.35);
    // At the scenario's own settings soft FP is dominated by the bias.
    const here = conceptPredictions({ ratio: params.conceptRatio, quality: params.conceptQuality });
    const dHere = decompose(here.p, here.y, { t: params.t });
    expect(dHere.fpBias / dHere.fpSoft).toBeGreaterThan(0.9);
    // The condition the text names: FP main is the same number at every ratio of the slider (1–1000).
    const ratios = [1, 2, 10, 50, 200, 1000];
    for (const t of [0.5, 0.6, 0.8, 0.95]) {
      for (let quality = 0.35; quality <= 1.0001; quality += 0.05) {
        const ds = ratios.map((ratio) => {
          const { p, y } = conceptPredictions({ ratio, quality });
          return decompose(p, y, { t });
        });
        for (const d of ds) expect(d.fpMain).toBe(ds[0].fpMain);
        expect(ds[ratios.length - 1].fpBias).toBeGreaterThan(100 * ds[0].fpBias);
      }
    }
    // Why the text names it: at quality 0.1 the added pixels cross t and FP main doubles from b/f 10 to 200.
    const poor = [10, 200].map((ratio) => {
      const { p, y } = conceptPredictions({ ratio, quality: 0.1 });
      return decompose(p, y, { t: 0.5 }).fpMain;
    });
    console.log(`bias scenario: FP main at quality 0.1, b/f 10 → 200: ${poor[0].toFixed(1)} → ${poor[1].toFixed(1)}`);
    expect(poor[1]).toBeGreaterThan(2 * poor[0]);
  });

  it('“WCE & Tversky”: on one image WCE splits its background push between main and bias exactly as BCE does', () => {
    const { p, y } = conceptPredictions({ ratio: 50, quality: 0.5 });
    const opts = { tHard: 0.9, eps: 'reference' as const, a: 0.5 };
    for (const t of [0.2, 0.5, 0.8]) {
      const w = gradientShares(pixelGradients('wce', p, y, 1, opts), p, y, t);
      const b = gradientShares(pixelGradients('bce', p, y, 1, opts), p, y, t);
      expect(w.bgBias / (w.bgMain + w.bgBias)).toBeCloseTo(b.bgBias / (b.bgMain + b.bgBias), 12);
    }
  });

  it('“WCE & Tversky”: Tversky gives every background p the same weight (|∂L/∂z| = c·p(1 − p) on background)', () => {
    const { p, y } = conceptPredictions({ ratio: 20, quality: 0.5 });
    const g = pixelGradients('tversky', p, y, 1, { tHard: 0.9, eps: 'reference', a: 0.5 });
    const ratios: number[] = [];
    for (let i = 0; i < p.length; i++)
      if (y[i] < 0.5 && p[i] > 1e-3 && p[i] < 1 - 1e-3) ratios.push(g[i] / (p[i] * (1 - p[i])));
    const c = ratios[0];
    for (const r of ratios) expect(r / c).toBeCloseTo(1, 9);
  });

  it('“Sweeping ε”: with ε = 1 every background pixel weighs like a hard one (imbalance back), ε = f/N is the authors’ loss', () => {
    const { p, y } = conceptPredictions({ ratio: 100, quality: 0.7 });
    const f = y.reduce((s, v) => s + (v > 0.5 ? 1 : 0), 0);
    const base = { tHard: 0.9, a: 0.5, eps: 'reference' as const };
    const ref = pixelGradients('inter', p, y, 1, { ...base, eps: 'reference' });
    const atFN = pixelGradients('inter', p, y, 1, { ...base, eps: f / p.length });
    for (let i = 0; i < p.length; i++) expect(atFN[i]).toBeCloseTo(ref[i], 12);
    const one = gradientShares(pixelGradients('inter', p, y, 1, { ...base, eps: 1 }), p, y, 0.5);
    const bce = gradientShares(pixelGradients('bce', p, y, 1, base), p, y, 0.5);
    const small = gradientShares(ref, p, y, 0.5);
    // ε = 1: Inter-CBL spreads its push over the four groups exactly as BCE does…
    for (const group of ['fgMain', 'fgBias', 'bgMain', 'bgBias'] as const)
      expect(one[group]).toBeCloseTo(bce[group], 9);
    // …which is the imbalance: most of it on the background-bias tail, far more than at ε = f/N.
    expect(bce.bgBias).toBeGreaterThan(0.8);
    expect(small.bgBias).toBeLessThan(0.6 * one.bgBias);
  });

  it('the concept explorer at its defaults: BCE spends most of its push on BG-bias pixels, the Balance loss far less', () => {
    const params = DEFAULT_PARAMS;
    const { p, y } = conceptPredictions({ ratio: params.conceptRatio, quality: params.conceptQuality });
    const opts = { tHard: params.tHard, eps: 'reference' as const, a: params.a };
    const bce = gradientShares(pixelGradients('bce', p, y, 1, opts), p, y, params.t);
    const balance = gradientShares(pixelGradients('balance', p, y, 1, opts), p, y, params.t);
    console.log(
      `concept defaults: BG-bias share BCE ${(100 * bce.bgBias).toFixed(1)}%, Balance ${(100 * balance.bgBias).toFixed(1)}%`,
    );
    expect(bce.bgBias).toBeGreaterThan(0.5);
    expect(balance.bgBias).toBeLessThan(bce.bgBias / 2);
  });
});
