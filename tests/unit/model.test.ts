import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWasm } from './helpers';
import {
  UNET_DEFAULTS,
  buildUNet,
  countParams,
  enableFastCpuConvGrad,
  trainableVariables,
  validateUNetConfig,
  type UNetConfig,
} from '../../src/model';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  // The stock CPU filter-gradient kernel makes one default step take over a minute.
  enableFastCpuConvGrad();
});

const TINY: UNetConfig = { size: 32, levels: 2, baseWidth: 4, seed: 7 };

/** Runs fn with a freshly built model and always disposes it, so failures don't leak weights. */
function withModel<T>(config: UNetConfig, fn: (m: tf.LayersModel) => T, name?: string): T {
  const model = buildUNet(config, name);
  try {
    return fn(model);
  } finally {
    model.dispose();
  }
}

function weightArrays(model: tf.LayersModel): Float32Array[] {
  return model.getWeights().map((w) => w.dataSync() as Float32Array);
}

describe('buildUNet forward pass', () => {
  for (const size of [32, 64] as const) {
    for (const levels of [2, 3] as const) {
      it(`size ${size}, levels ${levels}: [n,s,s,1] in, [n,s,s,1] in (0,1) out`, () => {
        withModel({ size, levels, baseWidth: 4, seed: 3 }, (model) => {
          const x = tf.randomUniform([2, size, size, 1], 0, 1, 'float32', 11);
          const y = model.predict(x) as tf.Tensor;
          expect(y.shape).toEqual([2, size, size, 1]);
          const v = y.dataSync();
          expect(v.every((p) => p > 0 && p < 1)).toBe(true);
          tf.dispose([x, y]);
        });
      });
    }
  }

  it('starts near the low foreground prior set by the output bias', () => {
    withModel(UNET_DEFAULTS, (model) => {
      const x = tf.zeros([1, 64, 64, 1]);
      const y = model.predict(x) as tf.Tensor;
      // With a zero input every ReLU sees only zero biases, so the output is exactly sigmoid(-2).
      expect(y.mean().dataSync()[0]).toBeCloseTo(1 / (1 + Math.exp(2)), 5);
      tf.dispose([x, y]);
    });
  });
});

describe('seeding', () => {
  it('same seed gives identical weights, even with another model built in between', () => {
    const a = withModel(UNET_DEFAULTS, weightArrays, 'a');
    withModel({ ...UNET_DEFAULTS, seed: 99 }, () => undefined);
    const b = withModel(UNET_DEFAULTS, weightArrays, 'b');
    expect(b.length).toBe(a.length);
    a.forEach((w, i) => expect(b[i]).toEqual(w));
  });

  it('different seeds give different kernels', () => {
    const a = withModel(UNET_DEFAULTS, weightArrays);
    const b = withModel({ ...UNET_DEFAULTS, seed: 2 }, weightArrays);
    // Even-indexed weights are kernels; odd ones are biases (constant init, equal by design).
    for (let i = 0; i < a.length; i += 2) expect(b[i]).not.toEqual(a[i]);
  });

  it('seed 0 is deterministic too (tfjs treats a raw seed 0 as unseeded)', () => {
    const cfg = { ...TINY, seed: 0 };
    expect(withModel(cfg, weightArrays)).toEqual(withModel(cfg, weightArrays));
  });

  it('every conv layer gets a distinct kernel stream', () => {
    withModel(TINY, (model) => {
      // Two same-shaped kernels in one model must not share their leading values.
      const firsts = model
        .getWeights()
        .filter((w) => w.rank === 4)
        .map((w) => w.dataSync()[0]);
      expect(new Set(firsts).size).toBe(firsts.length);
    });
  });
});

describe('validateUNetConfig', () => {
  it('accepts the defaults and the tiny config', () => {
    expect(validateUNetConfig(UNET_DEFAULTS)).toEqual([]);
    expect(validateUNetConfig(TINY)).toEqual([]);
  });

  it('rejects a size not divisible by 2^levels', () => {
    const problems = validateUNetConfig({ ...TINY, size: 40 as UNetConfig['size'], levels: 4 });
    expect(problems.some((p) => p.includes('divisible by 2^levels = 16'))).toBe(true);
  });

  it('rejects baseWidth out of range or fractional', () => {
    for (const baseWidth of [3, 33, 4.5, NaN]) {
      const problems = validateUNetConfig({ ...TINY, baseWidth });
      expect(problems.length).toBe(1);
      expect(problems[0]).toMatch(/baseWidth/);
    }
  });

  it('rejects bad levels and seeds, reporting every problem', () => {
    const bad = { size: 48, levels: 5, baseWidth: 64, seed: -1.5 } as unknown as UNetConfig;
    // size, levels, divisibility (48 % 32), baseWidth, seed
    expect(validateUNetConfig(bad)).toHaveLength(5);
  });

  it('buildUNet throws on an invalid config or name', () => {
    expect(() => buildUNet({ ...TINY, baseWidth: 2 })).toThrow(/baseWidth/);
    expect(() => buildUNet(TINY, 'bad/name')).toThrow(/name/);
  });
});

describe('training support', () => {
  it('gradients of mean(output) are finite for all weights and non-zero for most', () => {
    withModel(UNET_DEFAULTS, (model) => {
      const x = tf.randomUniform([2, 64, 64, 1], 0, 1, 'float32', 5);
      const vars = trainableVariables(model);
      expect(vars.length).toBe(model.trainableWeights.length);
      const { value, grads } = tf.variableGrads(() => tf.mean(model.predict(x) as tf.Tensor) as tf.Scalar, vars);
      const names = vars.map((v) => v.name);
      expect(Object.keys(grads).sort()).toEqual([...names].sort());
      let nonZero = 0;
      for (const name of names) {
        const g = grads[name].dataSync();
        expect(g.every(Number.isFinite)).toBe(true);
        if (g.some((v) => v !== 0)) nonZero += 1;
      }
      expect(nonZero / names.length).toBeGreaterThan(0.9);
      tf.dispose([x, value, ...Object.values(grads)]);
    });
  });

  it('optimizer.minimize with model.predict updates the weights and lowers the loss', () => {
    withModel(TINY, (model) => {
      const x = tf.randomUniform([2, 32, 32, 1], 0, 1, 'float32', 6);
      const opt = tf.train.adam(1e-2);
      const loss = () => tf.mean(model.predict(x) as tf.Tensor) as tf.Scalar;
      const before = weightArrays(model);
      const costs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const cost = opt.minimize(loss, true, trainableVariables(model));
        costs.push(cost!.dataSync()[0]);
        cost!.dispose();
      }
      expect(costs[2]).toBeLessThan(costs[0]);
      weightArrays(model).forEach((w, i) => expect(w).not.toEqual(before[i]));
      opt.dispose();
      x.dispose();
    });
  });
});

describe('resources and naming', () => {
  it('build + dispose returns tf.memory().numTensors to its starting value', () => {
    const start = tf.memory().numTensors;
    const model = buildUNet(UNET_DEFAULTS);
    expect(tf.memory().numTensors).toBeGreaterThan(start);
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('layer names are deterministic and prefixed, regardless of earlier builds', () => {
    const first = withModel(TINY, (m) => m.layers.map((l) => l.name));
    const second = withModel(TINY, (m) => m.layers.map((l) => l.name));
    expect(second).toEqual(first);
    expect(first.every((n) => n.startsWith('unet_'))).toBe(true);
    expect(new Set(first).size).toBe(first.length);
    expect(first).toContain('unet_enc0_conv1');
    expect(first).toContain('unet_output');
  });

  it('two models coexist and each trains only its own variables', () => {
    const a = buildUNet(TINY, 'alpha');
    const b = buildUNet(TINY, 'beta');
    try {
      expect(a.name).toBe('alpha');
      expect(b.name).toBe('beta');
      const varsA = trainableVariables(a);
      const varsB = trainableVariables(b);
      const ids = new Set(varsA.map((v) => v.id));
      expect(varsB.some((v) => ids.has(v.id))).toBe(false);
      const x = tf.ones([1, 32, 32, 1]);
      const before = weightArrays(b);
      const opt = tf.train.sgd(0.1);
      opt.minimize(() => tf.mean(a.predict(x) as tf.Tensor) as tf.Scalar, false, varsA);
      weightArrays(b).forEach((w, i) => expect(w).toEqual(before[i]));
      tf.dispose([x]);
      opt.dispose();
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('same name twice in one process is also allowed (weights get unique variable names)', () => {
    const a = buildUNet(TINY);
    const b = buildUNet(TINY);
    const namesA = new Set(trainableVariables(a).map((v) => v.name));
    expect(trainableVariables(b).some((v) => namesA.has(v.name))).toBe(false);
    a.dispose();
    b.dispose();
  });
});

describe('size report', () => {
  it('parameter counts and WASM step time', async () => {
    const defaults = withModel(UNET_DEFAULTS, countParams);
    const tiny = withModel(TINY, countParams);
    // Timed on WASM (a CPU-backend step took ~3.5 s of the suite for a log line); back to CPU after.
    await useWasm();
    const ms = withModel(UNET_DEFAULTS, (model) => {
      const x = tf.randomUniform([8, 64, 64, 1], 0, 1, 'float32', 1);
      const vars = trainableVariables(model);
      const step = () => {
        const { value, grads } = tf.variableGrads(() => tf.mean(model.predict(x) as tf.Tensor) as tf.Scalar, vars);
        value.dataSync();
        tf.dispose([value, ...Object.values(grads)]);
      };
      step(); // warm-up
      const t0 = performance.now();
      const reps = 3; // a report, not a benchmark (npm run bench:nogpu measures properly)
      for (let i = 0; i < reps; i++) step();
      x.dispose();
      return (performance.now() - t0) / reps;
    });
    await tf.setBackend('cpu');
    console.log(
      `[unet] params defaults=${defaults} tiny=${tiny}; WASM fwd+bwd batch 8 @ defaults: ${ms.toFixed(0)} ms`,
    );
    expect(defaults).toBeGreaterThan(tiny);
  }, 60_000);
});
