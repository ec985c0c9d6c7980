/**
 * Worker side of the model download: model.save() into memory instead of a file. The artifacts
 * are exactly what tf.io.browserDownloads would write, so the main thread never loads tfjs.
 */
import * as tf from '@tensorflow/tfjs';

/** One entry of a tfjs weights manifest: which tensor the next bytes of weightData hold. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
}

/** What model.save() hands its IO handler, the weights joined into one buffer. */
export interface ModelArtifacts {
  modelTopology: { [key: string]: unknown };
  format: string;
  generatedBy: string;
  convertedBy: string | null;
  weightSpecs: WeightSpec[];
  weightData: ArrayBuffer;
}

export async function captureModel(model: tf.LayersModel): Promise<ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const a = captured as tf.io.ModelArtifacts | null;
  if (
    !a ||
    !a.weightSpecs ||
    a.weightData === undefined ||
    !a.modelTopology ||
    a.modelTopology instanceof ArrayBuffer
  ) {
    throw new Error('model.save() produced no JSON topology or weights');
  }
  return {
    modelTopology: a.modelTopology as { [key: string]: unknown },
    format: a.format ?? 'layers-model',
    generatedBy: a.generatedBy ?? `TensorFlow.js v${tf.version.tfjs}`,
    convertedBy: a.convertedBy ?? null,
    weightSpecs: a.weightSpecs.map((s): WeightSpec => ({ name: s.name, shape: [...s.shape], dtype: s.dtype })),
    // weightData may come in several buffers; join them into one transferable buffer.
    weightData: tf.io.CompositeArrayBuffer.join(a.weightData),
  };
}
