/**
 * Main-thread side of the model download: the two files tf.io.browserDownloads writes
 * (model.json in the tfjs layers-model format and the weights binary), without loading tfjs.
 */
import type { ModelExport, NamedWeights } from '../engine/protocol';

export const MODEL_FILE = 'balance-lab-model.json';
export const WEIGHTS_FILE = 'balance-lab-model.weights.bin';

export interface ModelJson {
  modelTopology: { [key: string]: unknown };
  format: string;
  generatedBy: string;
  convertedBy: string | null;
  weightsManifest: { paths: string[]; weights: ModelExport['weightSpecs'] }[];
}

export function modelJson(model: ModelExport, weightsFile = WEIGHTS_FILE): ModelJson {
  return {
    modelTopology: model.modelTopology,
    format: model.format,
    generatedBy: model.generatedBy,
    convertedBy: model.convertedBy,
    weightsManifest: [{ paths: [weightsFile], weights: model.weightSpecs }],
  };
}

export function modelFiles(model: ModelExport): { name: string; blob: Blob }[] {
  return [
    { name: MODEL_FILE, blob: new Blob([JSON.stringify(modelJson(model))], { type: 'application/json' }) },
    { name: WEIGHTS_FILE, blob: new Blob([model.weightData], { type: 'application/octet-stream' }) },
  ];
}

/** Each weight tensor's values, cut from the joined buffer in manifest order (all float32). */
export function weightsOf(model: ModelExport): NamedWeights[] {
  let offset = 0;
  const out = model.weightSpecs.map((spec) => {
    if (spec.dtype !== 'float32')
      throw new Error(`Weight ${spec.name} is ${spec.dtype}; only float32 weights can be saved with a run.`);
    const n = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + n * 4 > model.weightData.byteLength)
      throw new Error(
        `The weights end before ${spec.name}: the manifest needs more than ${model.weightData.byteLength} bytes.`,
      );
    // A copy: the run keeps its arrays even if the buffer is later transferred.
    const data = new Float32Array(model.weightData.slice(offset, offset + n * 4));
    offset += n * 4;
    return { name: spec.name, shape: [...spec.shape], data };
  });
  if (offset !== model.weightData.byteLength)
    throw new Error(`The weight manifest covers ${offset} bytes, but the weights have ${model.weightData.byteLength}.`);
  return out;
}
