import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allGradientShares,
  decompose,
  gradGroupOf,
  gradGroups,
  gradientShares,
  lossIds,
  pixelGradients,
  type GradientOptions,
  type LossId,
} from '../../src/core';
import { sharesOfEach } from '../../src/core/gradients';
import { losses, setWeightPath } from '../../src/losses';
import { expectClose, label, probability, useCpu } from './helpers';
import {
  perImage,
  refBalance,
  refBce,
  refDice,
  refFocal,
  refInter,
  refIntra,
  refTversky,
  refWce,
  type BatchLoss,
} from './reference';

beforeAll(useCpu);

const LOW = Math.fround(1e-7);
const HIGH = Math.fround(1 - 1e-7);
const logit = (p: number): number => Math.log(p / (1 - p));
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const DEFAULTS: GradientOptions = { tHard: 0.9, eps: 'reference', a: 0.5 };

// z values that make ties, saturate σ to exactly 0 or 1 in float32, land beyond the clamp, sit on
// the clamp bounds themselves (the ClipByValue gradient is inclusive), or on t_h = 0.9.
const specialZ = [0, 3, -3, logit(0.9), -logit(0.9), 17, -17, 50, -50, 200, -200, logit(LOW), logit(HIGH)];
const zValue = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -12, max: 12, noNaN: true }) },
  { weight: 3, arbitrary: fc.constantFrom(...specialZ) },
);
type LabelMode = 'random' | 'allBg' | 'allFg' | 'mostlyFg';
const image = (size: number) =>
  fc
    .record({
      z: fc.array(zValue, { minLength: size, maxLength: size }),
      y: fc.array(label, { minLength: size, maxLength: size }),
      mode: fc.constantFrom<LabelMode>('random', 'random', 'allBg', 'allFg', 'mostlyFg'),
    })
    .map(({ z, y, mode }) => ({
      z,
      // f = 0 images, b = 0 images and b < f images (one background pixel in four).
      y: y.map((v, i) => (mode === 'random' ? v : mode === 'allBg' ? 0 : mode === 'allFg' ? 1 : i % 4 === 0 ? 0 : 1)),
    }));
const zBatch = fc
  .record({ n: fc.integer({ min: 1, max: 4 }), size: fc.integer({ min: 1, max: 40 }) })
  .chain(({ n, size }) =>
    fc
      .array(image(size), { minLength: n, maxLength: n })
      .map((images) => ({ n, size, z: images.flatMap((m) => m.z), y: images.flatMap((m) => m.y) })),
  );
const optsArb: fc.Arbitrary<GradientOptions> = fc.record({
  tHard: fc.constantFrom(0.9, 0.5, 0.99),
  eps: fc.constantFrom<GradientOptions['eps']>('reference', 0, 0.01, 0.3, 1),
  a: fc.constantFrom(0.5, 0.3, 1),
});

/** |∂L/∂z| of the real src/core loss by tfjs autodiff, with the p = σ(z) tfjs computed. */
async function autodiff(
  id: LossId,
  z: number[],
  y: number[],
  n: number,
  opts: GradientOptions,
): Promise<{ g: Float32Array; p: Float32Array }> {
  const shape: [number, number, number, number] = [n, z.length / n, 1, 1];
  const zt = tf.tensor4d(z, shape);
  const yt = tf.tensor4d(y, shape);
  const grad = tf.grad((x: tf.Tensor) => losses[id].fn(tf.sigmoid(x) as tf.Tensor4D, yt, opts))(zt);
  const pt = tf.sigmoid(zt);
  const [g, p] = (await Promise.all([grad.data(), pt.data()])) as [Float32Array, Float32Array];
  tf.dispose([zt, yt, grad, pt]);
  return { g: g.map(Math.abs), p };
}

describe.each(['auto', 'composed'] as const)(
  'pixelGradients equals |tf.grad| of the real loss in z (%s weights)',
  (path) => {
    beforeAll(() => setWeightPath(path));
    afterAll(() => setWeightPath('auto'));
    for (const id of lossIds) {
      it(id, async () => {
        await fc.assert(
          fc.asyncProperty(zBatch, optsArb, async ({ n, z, y }, opts) => {
            const { g: expected, p } = await autodiff(id, z, y, n, opts);
            const g = pixelGradients(id, p, y, n, opts);
            const max = Math.max(...expected, ...g);
            // float32 autodiff against float64 closed forms: relative to the largest push, plus a floor
            // for batches whose every push is tiny. tfjs rounds q = 1 − p̃ to float32 (an absolute error
            // up to 6e-8), which moves e.g. Focal's modulator (1 − q)^γ for background p near 1e−7;
            // that error is below 1e−7 per pixel before the 1/(n·N) mean.
            const floor = 1e-7 / z.length;
            g.forEach((v, i) => {
              if (!(Math.abs(v - expected[i]) <= 2e-5 * max + floor)) {
                expect.fail(
                  `${id} pixel ${i} (p ${p[i]}, y ${y[i]}): closed form ${v}, autodiff ${expected[i]}, max ${max}`,
                );
              }
            });
          }),
          { numRuns: 60 },
        );
      });
    }
  },
);

describe('pixelGradients equals central differences of the float64 reference losses in z', () => {
  const refs = (opts: GradientOptions): Record<LossId, BatchLoss> => ({
    balance: perImage(refBalance(opts.tHard, opts.eps, opts.a)),
    intra: perImage(refIntra(opts.tHard)),
    inter: perImage(refInter(opts.eps)),
    bce: perImage(refBce),
    wce: perImage(refWce),
    dice: refDice,
    tversky: refTversky,
    focal: perImage(refFocal),
  });
  // Smooth z spread evenly over [−6, 6] (p ∈ [0.0025, 0.9975], away from the clamp); fc.double would
  // crowd values at 0 (p = 0.5, a tie and often t_h). Ties and boundaries are skipped below.
  const spreadZ = fc.integer({ min: 0, max: 2 ** 30 }).map((k) => -6 + 12 * ((k * 0.6180339887498949) % 1));
  const smoothBatch = fc
    .record({ n: fc.integer({ min: 1, max: 3 }), size: fc.integer({ min: 1, max: 24 }) })
    .chain(({ n, size }) =>
      fc.record({
        n: fc.constant(n),
        z: fc.array(spreadZ, { minLength: n * size, maxLength: n * size }),
        y: fc.array(label, { minLength: n * size, maxLength: n * size }),
      }),
    );
  const h = 1e-5;
  const margin = 1e-4; // in p; a step h in z moves p by at most h/4

  /**
   * A pixel within `within` (in p) of a group boundary: t_h, or another background pixel's rank.
   * With `margin`, its ±h step could cross it; within float32 rounding, the float64 reference and
   * the float32 mirror of the losses may put it in different groups (both are right for their
   * arithmetic), which changes every weight of its image.
   */
  function nearBoundary(p: number[], y: number[], n: number, i: number, tHard: number, within: number): boolean {
    const size = p.length / n;
    const q = y[i] > 0.5 ? p[i] : 1 - p[i];
    if (Math.abs(q - tHard) < within) return true;
    if (y[i] > 0.5) return false;
    const start = Math.floor(i / size) * size;
    for (let j = start; j < start + size; j++)
      if (j !== i && y[j] <= 0.5 && Math.abs(p[j] - p[i]) < within) return true;
    return false;
  }
  let checked = 0;
  afterAll(() => expect(checked).toBeGreaterThan(1000));

  for (const id of lossIds) {
    it(id, () => {
      fc.assert(
        fc.property(smoothBatch, optsArb, ({ n, z, y }, opts) => {
          const ref = refs(opts)[id];
          const p = z.map(sigmoid);
          if (p.some((_, i) => nearBoundary(p, y, n, i, opts.tHard, 1e-6))) return;
          const g = pixelGradients(id, p, y, n, opts);
          const max = Math.max(...g);
          z.forEach((_, i) => {
            if (nearBoundary(p, y, n, i, opts.tHard, margin)) return;
            checked++;
            const up = z.map((v, j) => sigmoid(j === i ? v + h : v));
            const down = z.map((v, j) => sigmoid(j === i ? v - h : v));
            const numeric = Math.abs((ref(up, y, n) - ref(down, y, n)) / (2 * h));
            expectClose(g[i], numeric, 1e-4, 1e-5 * max + 1e-12);
          });
        }),
        { numRuns: 40 },
      );
    });
  }
});

describe('pixelGradients: hand-computed cases', () => {
  // y = [1, 0, 0, 0], p = [0.8, 0.95, 0.3, 0.02] (the losses test's image).
  const p = [0.8, 0.95, 0.3, 0.02];
  const y = [1, 0, 0, 0];
  const close = (g: Float64Array, expected: number[]): void =>
    expected.forEach((e, i) => expectClose(g[i], e, 1e-6, 1e-12));

  it('BCE: g = (1 − p)/N on FG and p/N on BG, N the pixels of the whole batch', () => {
    close(pixelGradients('bce', p, y, 1, DEFAULTS), [0.2 / 4, 0.95 / 4, 0.3 / 4, 0.02 / 4]);
    // Two images of two pixels each: the batch mean makes it 1/(n·size) = 1/4 again.
    close(pixelGradients('bce', p, y, 2, DEFAULTS), [0.2 / 4, 0.95 / 4, 0.3 / 4, 0.02 / 4]);
  });

  it('Intra-CBL: FG hard {0.8} weight 1; BG hard {0.95, 0.3} weight 1/2; BG easy {0.02} weight 1', () => {
    close(pixelGradients('intra', p, y, 1, DEFAULTS), [0.2, 0.95 / 2, 0.3 / 2, 0.02]);
  });

  it("Inter-CBL: H = {0.95} weight 1, E weighs 1/N ('reference') or ε (numeric, |H| = 1)", () => {
    close(pixelGradients('inter', p, y, 1, DEFAULTS), [0.2, 0.95, 0.3 / 4, 0.02 / 4]);
    close(pixelGradients('inter', p, y, 1, { ...DEFAULTS, eps: 0.25 }), [0.2, 0.95, 0.3 / 4, 0.02 / 4]);
    close(pixelGradients('inter', p, y, 1, { ...DEFAULTS, eps: 0 }), [0.2, 0.95, 0, 0]);
    close(pixelGradients('inter', p, y, 1, { ...DEFAULTS, eps: 1 }), [0.2, 0.95, 0.3, 0.02]);
  });

  it('Balance: a·intra + (1 − a)·inter', () => {
    const intra = [0.2, 0.95 / 2, 0.3 / 2, 0.02];
    const inter = [0.2, 0.95, 0.3 / 4, 0.02 / 4];
    close(
      pixelGradients('balance', p, y, 1, { ...DEFAULTS, a: 0.3 }),
      intra.map((v, i) => 0.3 * v + 0.7 * inter[i]),
    );
  });

  it('WCE: FG weight 1/(2f), BG weight 1/(2b)', () => {
    close(pixelGradients('wce', p, y, 1, DEFAULTS), [0.2 / 2, 0.95 / 6, 0.3 / 6, 0.02 / 6]);
  });

  it('Tversky: FG slope (B − 0.3·A)/B², BG slope 0.3·A/B², times p(1 − p)', () => {
    const A = 0.8 + 1;
    const B = 0.8 + 0.3 * 1.27 + 0.7 * 0.2 + 1;
    const fg = (B - 0.3 * A) / B ** 2;
    const bg = (0.3 * A) / B ** 2;
    close(pixelGradients('tversky', p, y, 1, DEFAULTS), [
      fg * 0.16,
      bg * 0.95 * 0.05,
      bg * 0.3 * 0.7,
      bg * 0.02 * 0.98,
    ]);
  });

  it('Inter-CBL ties at the k-th background value share the H slots', () => {
    // f = 1, background all 0.5: each of the three BG pixels is 1/3 in H. Reference: easy weight 1/4.
    const g = pixelGradients('inter', [0.6, 0.5, 0.5, 0.5], [1, 0, 0, 0], 1, DEFAULTS);
    close(g, [0.4, ...new Array<number>(3).fill(0.5 * (1 / 3 + (2 / 3) * 0.25))]);
  });

  it('the clamp: p outside [1e−7, 1 − 1e−7] gets no push from the CE losses, p on a bound does', () => {
    const q = [0, LOW, 1, HIGH, 0.5, 0.5];
    const labels = [1, 1, 0, 0, 1, 0];
    for (const id of ['bce', 'wce', 'intra', 'inter', 'balance', 'focal'] as const) {
      const g = pixelGradients(id, q, labels, 1, DEFAULTS);
      expect(g[0], id).toBe(0);
      expect(g[2], id).toBe(0);
      expect(g[1], id).toBeGreaterThan(0);
      expect(g[3], id).toBeGreaterThan(0);
    }
    // Dice and Tversky are unclamped: σ′ = p(1 − p) is what vanishes at 0 and 1.
    for (const id of ['dice', 'tversky'] as const) {
      const g = pixelGradients(id, q, labels, 1, DEFAULTS);
      expect([g[0], g[2]], id).toEqual([0, 0]);
      expect(g[1], id).toBeGreaterThan(0);
    }
  });

  it('rejects mismatched lengths, a batch size that does not divide the pixels, and ε outside [0, 1]', () => {
    expect(() => pixelGradients('bce', [0.1], [], 1, DEFAULTS)).toThrow(RangeError);
    expect(() => pixelGradients('bce', [0.1, 0.2, 0.3], [0, 0, 1], 2, DEFAULTS)).toThrow(RangeError);
    expect(() => pixelGradients('inter', [0.1], [0], 1, { ...DEFAULTS, eps: 2 })).toThrow(RangeError);
    expect(pixelGradients('dice', [], [], 1, DEFAULTS)).toHaveLength(0);
  });
});

describe('gradient groups and shares', () => {
  const pixels = fc.integer({ min: 0, max: 60 }).chain((len) =>
    fc.record({
      p: fc.array(probability, { minLength: len, maxLength: len }),
      y: fc.array(label, { minLength: len, maxLength: len }),
    }),
  );
  const threshold = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, 1));

  it('the four groups partition the pixels, as Eq. 1–2 count them', () => {
    fc.assert(
      fc.property(pixels, threshold, ({ p, y }, t) => {
        const count = { fgMain: 0, fgBias: 0, bgMain: 0, bgBias: 0 };
        p.forEach((v, i) => count[gradGroupOf(v, y[i], t)]++);
        const d = decompose(p, y, { t });
        expect(count.fgMain).toBe(d.fnHard);
        expect(count.fgBias).toBe(d.f - d.fnHard);
        expect(count.bgMain).toBe(d.fpHard);
        expect(count.bgBias).toBe(d.b - d.fpHard);
      }),
      { numRuns: 300 },
    );
  });

  it('shares lie in [0, 1], sum to 1 (or are all 0 with no push) and are Σ_G g / Σ g', () => {
    fc.assert(
      fc.property(pixels, threshold, optsArb, fc.constantFrom(...lossIds), ({ p, y }, t, opts, id) => {
        const g = pixelGradients(id, p, y, 1, opts);
        const s = gradientShares(g, p, y, t);
        const total = g.reduce((a, v) => a + v, 0);
        expectClose(s.total, total, 1e-12, 0);
        const values = gradGroups.map((k) => s[k]);
        values.forEach((v) => expect(v >= 0 && v <= 1).toBe(true));
        if (total > 0)
          expectClose(
            values.reduce((a, v) => a + v, 0),
            1,
            1e-12,
            1e-12,
          );
        else expect(values).toEqual([0, 0, 0, 0]);
        for (const k of gradGroups) {
          const inGroup = g.reduce((a, v, i) => (gradGroupOf(p[i], y[i], t) === k ? a + v : a), 0);
          expectClose(s[k] * total, inGroup, 1e-9, 1e-15);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('allGradientShares equals gradientShares of pixelGradients for every loss, in lossIds order', () => {
    fc.assert(
      fc.property(zBatch, threshold, optsArb, ({ n, z, y }, t, opts) => {
        const p = Float32Array.from(z, sigmoid);
        const all = allGradientShares(p, y, n, t, opts);
        expect(Object.keys(all)).toEqual(lossIds);
        for (const id of lossIds) expect(all[id]).toEqual(gradientShares(pixelGradients(id, p, y, n, opts), p, y, t));
      }),
      { numRuns: 100 },
    );
  });

  it('sharesOfEach equals gradientShares per loss and counts the groups as gradGroupOf does', () => {
    fc.assert(
      fc.property(zBatch, threshold, optsArb, ({ n, z, y }, t, opts) => {
        const p = Float32Array.from(z, sigmoid);
        const grads = Object.fromEntries(lossIds.map((id) => [id, pixelGradients(id, p, y, n, opts)])) as Record<
          LossId,
          Float64Array
        >;
        const { shares, counts } = sharesOfEach(grads, p, y, t);
        for (const id of lossIds) expect(shares[id]).toEqual(gradientShares(grads[id], p, y, t));
        const want = { fgMain: 0, fgBias: 0, bgMain: 0, bgBias: 0 };
        p.forEach((v, i) => want[gradGroupOf(v, y[i], t)]++);
        expect(counts).toEqual(want);
      }),
      { numRuns: 100 },
    );
  });

  it('hand-computed: BCE at t = 0.5 and the edge thresholds t = 0 and t = 1', () => {
    const p = [0.8, 0.95, 0.3, 0.02, 0];
    const y = [1, 0, 0, 0, 0];
    const g = pixelGradients('bce', p, y, 1, DEFAULTS); // [0.2, 0.95, 0.3, 0.02, 0 (clamped)] / 5
    const total = (0.2 + 0.95 + 0.3 + 0.02) / 5;
    const s = gradientShares(g, p, y, 0.5);
    expectClose(s.total, total, 1e-12);
    expectClose(s.fgBias, 0.2 / 1.47, 1e-12);
    expectClose(s.bgMain, 0.95 / 1.47, 1e-12);
    expectClose(s.bgBias, 0.32 / 1.47, 1e-12);
    expect(s.fgMain).toBe(0);
    // t = 0: every FG pixel is main (1 − p ≥ 0); BG is main where p > 0.
    expectClose(gradientShares(g, p, y, 0).fgMain, 0.2 / 1.47, 1e-12);
    expectClose(gradientShares(g, p, y, 0).bgMain, 1.27 / 1.47, 1e-12);
    // t = 1: FG main only where p = 0, BG main never.
    expect(gradientShares(g, p, y, 1)).toMatchObject({ fgMain: 0, bgMain: 0 });
  });

  it('all pixels equal and no push at all: shares are 0, not NaN', () => {
    const p = new Array<number>(8).fill(0.5);
    const y = [1, 0, 0, 0, 1, 0, 0, 0];
    const all = allGradientShares(p, y, 2, 0.5, DEFAULTS);
    for (const id of lossIds)
      expectClose(
        gradGroups.reduce((a, k) => a + all[id][k], 0),
        1,
        1e-12,
        1e-12,
      );
    // Saturated and correct everywhere: σ′ = 0 or clamped, so nothing pushes.
    const none = allGradientShares([1, 0, 0, 1], [1, 0, 0, 1], 2, 0.5, DEFAULTS);
    for (const id of lossIds) expect(none[id]).toEqual({ fgMain: 0, fgBias: 0, bgMain: 0, bgBias: 0, total: 0 });
  });

  it('a training-size batch (8 × 64 × 64) gives finite shares for every loss', () => {
    const size = 64 * 64;
    const p = new Float32Array(8 * size).map((_, i) => ((i * 2654435761) % 1000) / 1000);
    const y = new Uint8Array(8 * size).map((_, i) => (i % 37 === 0 ? 1 : 0));
    const all = allGradientShares(p, y, 8, 0.5, DEFAULTS);
    for (const id of lossIds) expect(Number.isFinite(all[id].total) && all[id].total > 0, id).toBe(true);
  });
});

describe('gradients.ts stays free of TensorFlow.js', () => {
  it('imports nothing from @tensorflow, directly or through its relative imports', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, spec] of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        expect(spec.startsWith('@tensorflow'), `${file} imports ${spec}`).toBe(false);
        if (spec.startsWith('.')) visit(resolve(dirname(file), `${spec}.ts`));
      }
    };
    visit(resolve(__dirname, '../../src/core/gradients.ts'));
    expect(seen.size).toBeGreaterThan(3);
  });
});
