import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  balanceLoss,
  bce,
  cblWeights,
  dice,
  focal,
  interCBL,
  intraCBL,
  losses,
  lossIds,
  setWeightPath,
  tversky,
  wce,
} from '../../src/losses';
import { asMaps, batch, expectClose, lossValue, useCpu } from './helpers';
import {
  batchMean,
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

const L = (v: number): number => -Math.log(v);

describe('losses: hand-computed single image', () => {
  // y = [1, 0, 0, 0], p = [0.8, 0.95, 0.3, 0.02], t_h = 0.9.
  // FG {0.8} is hard (0.8 ≤ 0.9). BG errors 1 − p: 0.05, 0.7 (hard, ≤ 0.9), 0.98 (easy).
  // Inter-CBL: f = 1, so H = {0.95}; E = {0.3, 0.02}; N = 4.
  const p = [0.8, 0.95, 0.3, 0.02];
  const y = [1, 0, 0, 0];
  const cases: [string, (p: tf.Tensor4D, y: tf.Tensor4D) => tf.Scalar, number][] = [
    ['intraCBL', (a, b) => intraCBL(a, b), L(0.8) + (L(0.05) + L(0.7)) / 2 + L(0.98)],
    ['interCBL reference', (a, b) => interCBL(a, b), L(0.8) + L(0.05) + (L(0.7) + L(0.98)) / 4],
    // Numeric ε: (Σ_H ℓ + ε Σ_E ℓ)/|H| with |H| = 1.
    ['interCBL ε = 0.5', (a, b) => interCBL(a, b, { eps: 0.5 }), L(0.8) + L(0.05) + 0.5 * (L(0.7) + L(0.98))],
    ['interCBL ε = 0 (top-f mining)', (a, b) => interCBL(a, b, { eps: 0 }), L(0.8) + L(0.05)],
    [
      'interCBL ε = 1 (every BG pixel weighs like a hard one)',
      (a, b) => interCBL(a, b, { eps: 1 }),
      L(0.8) + L(0.05) + L(0.7) + L(0.98),
    ],
    [
      'interCBL ε = f/N = 1/4 is the reference loss',
      (a, b) => interCBL(a, b, { eps: 0.25 }),
      L(0.8) + L(0.05) + (L(0.7) + L(0.98)) / 4,
    ],
    [
      'balanceLoss a = 0.5',
      (a, b) => balanceLoss(a, b),
      0.5 * (L(0.8) + (L(0.05) + L(0.7)) / 2 + L(0.98)) + 0.5 * (L(0.8) + L(0.05) + (L(0.7) + L(0.98)) / 4),
    ],
    [
      'balanceLoss a = 1 is Intra-CBL',
      (a, b) => balanceLoss(a, b, { a: 1 }),
      L(0.8) + (L(0.05) + L(0.7)) / 2 + L(0.98),
    ],
    ['bce', bce, (L(0.8) + L(0.05) + L(0.7) + L(0.98)) / 4],
    ['wce', wce, 0.5 * L(0.8) + (0.5 * (L(0.05) + L(0.7) + L(0.98))) / 3],
    // Dice: mean of the FG score (p, y) and the BG score (1 − p, 1 − y), smooth 1e−5.
    [
      'dice',
      (a, b) => dice(a, b),
      1 -
        0.5 *
          ((2 * 0.8 + 1e-5) / (0.8 + 0.95 + 0.3 + 0.02 + 1 + 1e-5) +
            (2 * (0.05 + 0.7 + 0.98) + 1e-5) / (0.2 + 0.05 + 0.7 + 0.98 + 3 + 1e-5)),
    ],
    ['tversky', (a, b) => tversky(a, b), 1 - (0.8 + 1) / (0.8 + 0.3 * (0.95 + 0.3 + 0.02) + 0.7 * 0.2 + 1)],
    [
      'focal',
      (a, b) => focal(a, b),
      (0.25 * 0.2 ** 2 * L(0.8) + 0.75 * (0.95 ** 2 * L(0.05) + 0.3 ** 2 * L(0.7) + 0.02 ** 2 * L(0.98))) / 4,
    ],
  ];
  for (const [name, fn, expected] of cases) {
    it(name, async () => {
      expectClose(await lossValue(fn, p, y, 1), expected, 1e-5);
    });
  }

  it('t_h moves pixels between the hard and easy groups', async () => {
    // t_h = 0.75: FG 0.8 > 0.75 is easy; BG errors 0.05, 0.7 hard; 0.98 easy. Same groups sizes.
    const v = await lossValue((a, b) => intraCBL(a, b, { tHard: 0.75 }), p, y, 1);
    expectClose(v, L(0.8) + (L(0.05) + L(0.7)) / 2 + L(0.98), 1e-5);
    // t_h = 0.5: BG 0.7 > 0.5 becomes easy: hard {0.05}, easy {0.7, 0.98}.
    const w = await lossValue((a, b) => intraCBL(a, b, { tHard: 0.5 }), p, y, 1);
    expectClose(w, L(0.8) + L(0.05) + (L(0.7) + L(0.98)) / 2, 1e-5);
  });
});

describe('Dice and Tversky: sums over the whole batch (docs/design.md §1.3)', () => {
  // Image 1: p = [0.8, 0.1], y = [1, 0]. Image 2 (no foreground): p = [0.3, 0.6], y = [0, 0].
  const p = [0.8, 0.1, 0.3, 0.6];
  const y = [1, 0, 0, 0];
  it('Tversky: TP = 0.8, FP = 1.0, FN = 0.2 over the batch, not a mean of per-image losses', async () => {
    const expected = 1 - (0.8 + 1) / (0.8 + 0.3 * 1.0 + 0.7 * 0.2 + 1);
    expectClose(await lossValue((a, b) => tversky(a, b), p, y, 2), expected, 1e-5);
    const perImageMean = (refTversky([0.8, 0.1], [1, 0], 1) + refTversky([0.3, 0.6], [0, 0], 1)) / 2;
    expect(Math.abs(expected - perImageMean)).toBeGreaterThan(0.04);
  });
  it('Dice: FG score 2·0.8/(1.8 + 1), BG score 2·(0.9 + 0.7 + 0.4)/(2.2 + 3), smooth 1e−5', async () => {
    const fgScore = (2 * 0.8 + 1e-5) / (0.8 + 0.1 + 0.3 + 0.6 + 1 + 1e-5);
    const bgScore = (2 * (0.9 + 0.7 + 0.4) + 1e-5) / (0.2 + 0.9 + 0.7 + 0.4 + 3 + 1e-5);
    expectClose(await lossValue((a, b) => dice(a, b), p, y, 2), 1 - 0.5 * (fgScore + bgScore), 1e-5);
  });
  it('Dice: a perfect batch scores 0, and saturated p is not clamped', async () => {
    expectClose(await lossValue((a, b) => dice(a, b), [1, 0, 0, 0], [1, 0, 0, 0], 2), 0, 0, 1e-6);
    // No foreground anywhere and p = 0 everywhere: FG score (0 + s)/(0 + 0 + s) = 1, BG score 1.
    expectClose(await lossValue((a, b) => dice(a, b), [0, 0, 0, 0], [0, 0, 0, 0], 2), 0, 0, 1e-6);
    // Every prediction wrong: FG score s/(2 + 2 + s), BG score s/(2 + 2 + s), loss ≈ 1.
    expectClose(await lossValue((a, b) => dice(a, b), [0, 1, 0, 1], [1, 0, 1, 0], 2), 1 - 1e-5 / (4 + 1e-5), 0, 1e-6);
  });
  it('Tversky: saturated p is not clamped (a perfect batch is exactly 0)', async () => {
    expect(await lossValue((a, b) => tversky(a, b), [1, 0, 1, 0], [1, 0, 1, 0], 2)).toBe(0);
  });
});

// Both weight implementations (fused CPU kernel, composed ops used on WebGPU/WebGL) are checked.
describe.each(['auto', 'composed'] as const)(
  'losses (%s weights): equal the float64 reference on random batches',
  (path) => {
    beforeAll(() => setWeightPath(path));
    afterAll(() => setWeightPath('auto'));
    // Dice and Tversky are batch-level (sums over all n images); the others are per-image means.
    const pairs: [string, (p: tf.Tensor4D, y: tf.Tensor4D) => tf.Scalar, BatchLoss][] = [
      ['intraCBL', (a, b) => intraCBL(a, b), perImage(refIntra())],
      ['intraCBL t_h 0.6', (a, b) => intraCBL(a, b, { tHard: 0.6 }), perImage(refIntra(0.6))],
      ['interCBL reference', (a, b) => interCBL(a, b), perImage(refInter('reference'))],
      ['interCBL ε 0', (a, b) => interCBL(a, b, { eps: 0 }), perImage(refInter(0))],
      ['interCBL ε 0.01', (a, b) => interCBL(a, b, { eps: 0.01 }), perImage(refInter(0.01))],
      ['interCBL ε 1', (a, b) => interCBL(a, b, { eps: 1 }), perImage(refInter(1))],
      ['balanceLoss', (a, b) => balanceLoss(a, b), perImage(refBalance())],
      [
        'balanceLoss a 0.3 ε 0.2 t_h 0.8',
        (a, b) => balanceLoss(a, b, { a: 0.3, eps: 0.2, tHard: 0.8 }),
        perImage(refBalance(0.8, 0.2, 0.3)),
      ],
      ['bce', bce, perImage(refBce)],
      ['wce', wce, perImage(refWce)],
      ['dice', (a, b) => dice(a, b), refDice],
      ['tversky', (a, b) => tversky(a, b), refTversky],
      ['focal', (a, b) => focal(a, b), perImage(refFocal)],
    ];
    for (const [name, fn, ref] of pairs) {
      it(name, async () => {
        await fc.assert(
          fc.asyncProperty(batch, async ({ n, p, y }) => {
            expectClose(await lossValue(fn, p, y, n), ref(p, y, n), 1e-4, 1e-5);
          }),
          { numRuns: 60 },
        );
      });
    }
  },
);

// docs/design.md §1.3: an easy BG pixel weighs ε of a hard one, and the authors' code weighs it
// f/N of a hard one, so numeric ε = f/N is the 'reference' loss (for b < f, E is empty).
describe.each(['auto', 'composed'] as const)('Inter-CBL (%s weights): numeric ε = f/N equals the reference', (path) => {
  beforeAll(() => setWeightPath(path));
  afterAll(() => setWeightPath('auto'));
  it('per image, on random single-image batches with f ≥ 1', async () => {
    await fc.assert(
      fc.asyncProperty(
        batch.filter(({ n, y }) => n === 1 && y.some((v) => v > 0.5)),
        async ({ p, y }) => {
          const f = y.filter((v) => v > 0.5).length;
          const eps = f / p.length;
          const numeric = await lossValue((a, b) => interCBL(a, b, { eps }), p, y, 1);
          const reference = await lossValue((a, b) => interCBL(a, b, { eps: 'reference' }), p, y, 1);
          expectClose(numeric, reference, 1e-5, 1e-6);
          expectClose(reference, refInter('reference')(p, y), 1e-4, 1e-5);
          expectClose(refInter(eps)(p, y), refInter('reference')(p, y), 1e-12, 1e-12);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('CBL weights: the fused CPU kernel equals the composed ops', () => {
  it('on random batches with ties and saturated values, every mix', async () => {
    await fc.assert(
      fc.asyncProperty(
        batch,
        fc.record({
          intra: fc.constantFrom(0, 0.5, 1),
          inter: fc.constantFrom(0, 0.5, 1),
          tHard: fc.constantFrom(0.9, 0.5, 0.99),
          eps: fc.constantFrom('reference' as const, 0, 0.01, 1),
        }),
        async ({ n, p, y }, mix) => {
          const pt = asMaps(p, n);
          const yt = asMaps(y, n);
          const fused = cblWeights(pt, yt, mix);
          setWeightPath('composed');
          const composed = cblWeights(pt, yt, mix);
          setWeightPath('auto');
          const [a, b] = await Promise.all([fused.data(), composed.data()]);
          tf.dispose([pt, yt, fused, composed]);
          a.forEach((v, i) => expectClose(v, b[i], 1e-5, 1e-7));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('losses: edge cases', () => {
  const all = lossIds.map((id) => [id, losses[id].fn] as const);
  const inputs: [string, number[], number[]][] = [
    ['f = 0', [0.1, 0.7, 0.3, 0.9], [0, 0, 0, 0]],
    ['b = 0', [0.1, 0.7, 0.3, 0.9], [1, 1, 1, 1]],
    ['b < f', [0.1, 0.7, 0.3, 0.9], [1, 1, 1, 0]],
    ['all pixels equal', [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [1, 0, 0, 0, 0, 1]],
    ['saturated p = 0 and 1', [0, 1, 1, 0], [1, 0, 1, 0]],
  ];
  for (const [name, p, y] of inputs) {
    it(`${name}: every loss is finite and equals its reference`, async () => {
      for (const [id, fn] of all) {
        const v = await lossValue((a, b) => fn(a, b), p, y, 1);
        expect(Number.isFinite(v), id).toBe(true);
      }
      expectClose(await lossValue((a, b) => interCBL(a, b), p, y, 1), refInter()(p, y), 1e-4, 1e-5);
      expectClose(await lossValue((a, b) => interCBL(a, b, { eps: 0 }), p, y, 1), refInter(0)(p, y), 1e-4, 1e-5);
      expectClose(await lossValue((a, b) => intraCBL(a, b), p, y, 1), refIntra()(p, y), 1e-4, 1e-5);
    });
  }

  it('f = 0 (H empty): Inter-CBL is Σ_BG ℓ / N for the reference and for every numeric ε', async () => {
    const p = [0.1, 0.7, 0.3, 0.9];
    const y = [0, 0, 0, 0];
    const expected = (L(0.9) + L(0.3) + L(0.7) + L(0.1)) / 4;
    for (const eps of ['reference', 0, 0.3, 1] as const) {
      expectClose(await lossValue((a, b) => interCBL(a, b, { eps }), p, y, 1), expected, 1e-5);
    }
  });

  it('b < f: H is the whole background and E is empty, so ε changes nothing', async () => {
    // y = [1, 1, 1, 0]: |H| = b = 1, BG term = ℓ of the one background pixel (p = 0.9).
    const p = [0.1, 0.7, 0.3, 0.9];
    const y = [1, 1, 1, 0];
    const expected = (L(0.1) + L(0.7) + L(0.3)) / 3 + L(0.1);
    for (const eps of ['reference', 0, 0.5, 1] as const) {
      expectClose(await lossValue((a, b) => interCBL(a, b, { eps }), p, y, 1), expected, 1e-5);
    }
  });

  it('rejects ε outside [0, 1] and mismatched shapes', () => {
    const p = tf.zeros([1, 2, 2, 1]) as tf.Tensor4D;
    expect(() => interCBL(p, p, { eps: 1.5 })).toThrow(RangeError);
    expect(() => balanceLoss(p, tf.zeros([1, 2, 1, 1]) as tf.Tensor4D)).toThrow(RangeError);
    p.dispose();
  });
});

describe('losses: gradients and memory', () => {
  it('every registered loss has a finite, non-zero gradient and leaks no tensor', async () => {
    const n = 2;
    const p = asMaps(
      Array.from({ length: 32 }, (_, i) => ((i * 37) % 100) / 100),
      n,
    );
    const y = asMaps(
      Array.from({ length: 32 }, (_, i) => (i % 5 === 0 ? 1 : 0)),
      n,
    );
    for (const id of lossIds) {
      const before = tf.memory().numTensors;
      const { value, grads } = tf.variableGrads(() => losses[id].fn(p.add(v) as tf.Tensor4D, y), [v]);
      const g = await grads[v.name].data();
      expect(g.every(Number.isFinite), id).toBe(true);
      expect(
        g.some((x) => x !== 0),
        id,
      ).toBe(true);
      tf.dispose([value, grads[v.name]]);
      expect(tf.memory().numTensors, id).toBe(before);
    }
  });
  // A variable offset keeps the path from a trainable variable to the loss, as in training.
  const v = tf.variable(tf.zeros([2, 16, 1, 1]), true, 'offset');

  it('CBL gradients are the per-pixel weights times dℓ/dp (finite differences of the reference)', async () => {
    // Values away from every group boundary, so that small perturbations keep the groups.
    const p = [0.8, 0.95, 0.3, 0.02, 0.6, 0.12, 0.97, 0.4];
    const y = [1, 0, 0, 0, 1, 0, 1, 0];
    const n = 2;
    const cases: [(a: tf.Tensor4D, b: tf.Tensor4D) => tf.Scalar, (p: number[], y: number[]) => number][] = [
      [(a, b) => balanceLoss(a, b), refBalance()],
      [(a, b) => interCBL(a, b, { eps: 0.3 }), refInter(0.3)],
      [(a, b) => intraCBL(a, b), refIntra()],
    ];
    for (const [fn, ref] of cases) {
      const pt = asMaps(p, n);
      const yt = asMaps(y, n);
      const g = tf.grad((x: tf.Tensor) => fn(x as tf.Tensor4D, yt))(pt);
      const analytic = await g.data();
      tf.dispose([pt, yt, g]);
      const h = 1e-6;
      p.forEach((_, i) => {
        const up = p.map((v, j) => (j === i ? v + h : v));
        const down = p.map((v, j) => (j === i ? v - h : v));
        const numeric = (batchMean(ref, up, y, n) - batchMean(ref, down, y, n)) / (2 * h);
        expectClose(analytic[i], numeric, 1e-3, 1e-4);
      });
    }
  });
});
