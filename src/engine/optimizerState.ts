/**
 * The optimiser as the Trainer uses it: made from the parameters, its learning rate changed in
 * place, disposed without leaks, and its state copied to and from the host for checkpoints, run
 * files and backend moves (docs/architecture.md, "Each step"). tfjs hides parts of that state
 * (Adam's β powers, momentum's −lr scalar), so the workarounds live here in one place.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params } from '../params/schema';
import type { TrainingState } from './protocol';

export function makeOptimizer(p: Params): tf.Optimizer {
  return p.optimizer === 'sgd' ? tf.train.momentum(p.lr, 0.9) : tf.train.adam(p.lr);
}

/** Adam reads `learningRate` at every update; momentum SGD reads a cached −lr scalar that only setLearningRate renews. */
export function setLearningRate(o: tf.Optimizer, lr: number): void {
  // (tfjs optimisers answer instanceof by duck typing, so the class name tells them apart.)
  if (isMomentum(o)) o.setLearningRate(lr);
  else Reflect.set(o, 'learningRate', lr);
}

const isMomentum = (o: tf.Optimizer): o is tf.MomentumOptimizer => o.getClassName() === 'Momentum';

/** tfjs's MomentumOptimizer.dispose forgets its −lr scalar: one tensor leaked per optimiser without this. */
export function disposeOptimizer(o: tf.Optimizer): void {
  const c: unknown = isMomentum(o) ? Reflect.get(o, 'c') : null;
  o.dispose();
  if (c instanceof tf.Tensor && !c.isDisposed) c.dispose();
}

/**
 * Adam's accumulated β powers. They are not part of tfjs's getWeights/setWeights (setWeights
 * recomputes them as pow(β, k + 1)), so an exact continuation reads and writes them directly.
 */
function adamBetaPowers(o: tf.Optimizer): [tf.Variable, tf.Variable] | null {
  const b1: unknown = Reflect.get(o, 'accBeta1');
  const b2: unknown = Reflect.get(o, 'accBeta2');
  return b1 instanceof tf.Variable && b2 instanceof tf.Variable ? [b1, b2] : null;
}

/** The optimiser's weights and β powers, copied to the host (data(), never dataSync). */
export async function readOptimizerState(
  o: tf.Optimizer,
): Promise<Pick<TrainingState, 'optimizerWeights' | 'betaPowers'>> {
  const named = await o.getWeights();
  const optimizerWeights = await Promise.all(
    named.map(async ({ name, tensor }) => ({
      name,
      shape: [...tensor.shape],
      data: new Float32Array(await tensor.data()),
    })),
  );
  // getWeights hands out the moment variables themselves, plus a fresh scalar for the step count.
  for (const { tensor } of named) if (!(tensor instanceof tf.Variable)) tensor.dispose();
  const powers = adamBetaPowers(o);
  const betaPowers: [number, number] | null = powers
    ? [(await powers[0].data())[0], (await powers[1].data())[0]]
    : null;
  return { optimizerWeights, betaPowers };
}

/** Into a fresh optimiser: the saved weights (moments and step count), then Adam's β powers. */
export async function writeOptimizerState(o: tf.Optimizer, state: TrainingState): Promise<void> {
  const tensors = state.optimizerWeights.map((w) => ({
    name: w.name,
    tensor: tf.tensor(w.data, w.shape, w.name === 'iter' ? 'int32' : 'float32'),
  }));
  // setWeights copies the moments into new variables and reads the step count.
  await o.setWeights(tensors);
  tf.dispose(tensors.map((t) => t.tensor));
  const powers = adamBetaPowers(o);
  const betaPowers = state.betaPowers;
  if (powers && betaPowers) tf.tidy(() => powers.forEach((v, i) => v.assign(tf.scalar(betaPowers[i], 'float32'))));
}
