import type { SyntheticParams } from '../data';
import type { UNetConfig } from '../model';
import { effectiveEps, type Params } from '../params/schema';
import type { CblOptions } from '../losses';

/** The engine is configured with the schema's Params; these pick out what each part needs. */
export function syntheticParamsOf(p: Params): SyntheticParams {
  return {
    seed: p.seed,
    size: Number(p.size) as SyntheticParams['size'],
    fgFraction: 1 / (1 + p.imbalance),
    lesionCount: p.lesions,
    contrast: p.contrast,
    noise: p.noise,
    trainSize: p.trainSize,
    valSize: p.valSize,
  };
}

export function unetConfigOf(p: Params): UNetConfig {
  return {
    size: Number(p.size) as UNetConfig['size'],
    levels: p.levels as UNetConfig['levels'],
    baseWidth: p.width,
    seed: p.seed,
  };
}

export function lossOptionsOf(p: Params): Required<CblOptions> {
  return { tHard: p.tHard, eps: effectiveEps(p), a: p.a };
}
