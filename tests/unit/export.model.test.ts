import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureModel } from '../../src/model/artifacts';
import { MODEL_FILE, modelFiles, WEIGHTS_FILE, weightsOf, type ModelJson } from '../../src/export/modelFiles';
import type { ModelExport } from '../../src/engine/protocol';
import { buildUNet, enableFastCpuConvGrad } from '../../src/model';
import { useWasm } from './helpers';

beforeAll(async () => {
  await useWasm();
  enableFastCpuConvGrad();
});

/** Loads the two downloaded files the way tf.io.browserFiles / http do. */
async function loadFromFiles(json: string, bin: ArrayBuffer): Promise<tf.LayersModel> {
  const modelJson = JSON.parse(json) as tf.io.ModelJSON;
  const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => [
    manifest.flatMap((g) => g.weights),
    bin,
  ]);
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}

describe('model download', () => {
  it('a small U-Net → model.json + weights.bin → tf.loadLayersModel predicts the same', async () => {
    const model = buildUNet({ size: 32, levels: 2, baseWidth: 4, seed: 5 }, 'unet');
    // Move the weights off their initial values so that a wrong order or shape would show.
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    tf.tidy(() => vars.forEach((v, i) => v.assign(tf.add(v, tf.randomNormal(v.shape, 0, 0.05, 'float32', 100 + i)))));

    const exported: ModelExport = {
      ...(await captureModel(model)),
      step: 12,
      stage: { stage: 1, switchedAt: null, reason: 'test' },
      training: { optimizer: 'adam', optimizerWeights: [], betaPowers: null, drawn: 0 },
    };
    const files = modelFiles(exported);
    expect(files.map((f) => f.name)).toEqual([MODEL_FILE, WEIGHTS_FILE]);
    const json = await files[0].blob.text();
    const bin = await files[1].blob.arrayBuffer();

    const parsed = JSON.parse(json) as ModelJson;
    expect(parsed.format).toBe('layers-model');
    expect(parsed.generatedBy).toMatch(/TensorFlow\.js/);
    expect(parsed.convertedBy).toBeNull();
    expect(parsed.weightsManifest).toHaveLength(1);
    expect(parsed.weightsManifest[0].paths).toEqual([WEIGHTS_FILE]);
    const bytes = parsed.weightsManifest[0].weights.reduce((s, w) => s + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
    expect(bytes).toBe(bin.byteLength);
    expect(bin.byteLength).toBe(model.countParams() * 4);

    const loaded = await loadFromFiles(json, bin);
    const x = tf.randomUniform([2, 32, 32, 1], 0, 1, 'float32', 9);
    const [want, got] = await Promise.all([
      (model.predict(x) as tf.Tensor).data(),
      (loaded.predict(x) as tf.Tensor).data(),
    ]);
    expect(Array.from(got)).toEqual(Array.from(want));

    // The run file's per-variable weights are the same values, by name and shape.
    const named = weightsOf(exported);
    const values = await Promise.all(model.getWeights().map((w) => w.data()));
    expect(named.map((w) => w.name)).toEqual(model.weights.map((w) => w.originalName));
    named.forEach((w, i) => {
      expect(w.shape).toEqual(model.weights[i].shape);
      expect(Array.from(w.data)).toEqual(Array.from(values[i]));
    });
    tf.dispose(x);
    model.dispose();
    loaded.dispose();
  });

  it('weightsOf refuses a manifest that does not cover the buffer', () => {
    const bad: ModelExport = {
      modelTopology: {},
      format: 'layers-model',
      generatedBy: 'test',
      convertedBy: null,
      weightSpecs: [{ name: 'a', shape: [2], dtype: 'float32' }],
      weightData: new ArrayBuffer(12),
      step: 0,
      training: { optimizer: 'adam', optimizerWeights: [], betaPowers: null, drawn: 0 },
      stage: { stage: 1, switchedAt: null, reason: '' },
    };
    expect(() => weightsOf(bad)).toThrow(/covers 8 bytes, but the weights have 12/);
    expect(() => weightsOf({ ...bad, weightData: new ArrayBuffer(4) })).toThrow(/end before a/);
  });
});
