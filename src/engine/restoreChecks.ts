/**
 * Checks that a saved run (a run file, docs/architecture.md) fits the U-Net it is restored into,
 * before anything is loaded: each failure is one sentence the UI shows as it is.
 */
import type * as tf from '@tensorflow/tfjs';
import type { TrainingData } from '../data/trainingData';
import type { NamedWeights, TrainingState } from './protocol';

/** The saved weights in the order of `names` (the model's trainable weights), shapes checked. */
export function matchSavedWeights(
  names: string[],
  vars: readonly tf.Variable[],
  saved: readonly NamedWeights[],
): Float32Array[] {
  if (saved.length !== names.length)
    throw new Error(`The run has ${saved.length} weight tensors, but this U-Net has ${names.length}.`);
  const byName = new Map(saved.map((w) => [w.name, w]));
  return names.map((name, i) => {
    const w = byName.get(name);
    if (!w) throw new Error(`The run has no weights for ${name}.`);
    const shape = vars[i].shape;
    if (w.shape.length !== shape.length || w.shape.some((d, k) => d !== shape[k]) || w.data.length !== vars[i].size) {
      throw new Error(
        `The weights ${name} have shape [${w.shape.join(', ')}], but this U-Net expects [${shape.join(', ')}].`,
      );
    }
    return w.data;
  });
}

/** The step count first, then one tensor per variable for each slot (Adam: m and v; SGD: velocity), or none before the first step. */
export function checkOptimizerState(
  state: TrainingState,
  optimizer: TrainingState['optimizer'],
  vars: readonly tf.Variable[],
): void {
  if (state.optimizer !== optimizer)
    throw new Error(`The optimiser state is for ${state.optimizer}, but the run uses ${optimizer}.`);
  const [iter, ...slots] = state.optimizerWeights;
  if (!iter || iter.name !== 'iter' || iter.shape.length !== 0)
    throw new Error('The optimiser state does not start with its step count.');
  const perVar = state.optimizer === 'adam' ? 2 : 1;
  if (slots.length !== 0 && slots.length !== perVar * vars.length) {
    throw new Error(`The optimiser state has ${slots.length} tensors; this U-Net needs ${perVar * vars.length}.`);
  }
  slots.forEach((w, k) => {
    const v = vars[k % vars.length];
    if (w.shape.length !== v.shape.length || w.shape.some((d, j) => d !== v.shape[j])) {
      throw new Error(
        `The optimiser tensor ${w.name} has shape [${w.shape.join(', ')}], but its variable is [${v.shape.join(', ')}].`,
      );
    }
  });
}

/**
 * The training data a saved run restores onto: none for synthetic scans (regenerated from the
 * seed); imported data must be the data loaded now, since a run file holds no training images.
 */
export function importedDataFor(source: string, loaded: () => TrainingData | undefined): TrainingData | undefined {
  if (source === 'synthetic') return undefined;
  const data = loaded();
  if (data?.source !== source)
    throw new Error(
      `This run trained on imported data (${source}), which a run file does not hold: import the same data, then open the run again.`,
    );
  return data;
}
