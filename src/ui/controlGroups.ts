import type { ParamKey } from '../params/schema';

/** How the control column groups the schema's parameters (also the classroom link's choices). */
export const CONTROL_GROUPS: { title: string; keys: ParamKey[] }[] = [
  { title: 'Threshold and ε', keys: ['t', 'eps', 'epsMode'] },
  { title: 'Concept explorer', keys: ['conceptRatio', 'conceptQuality'] },
  { title: 'Loss', keys: ['loss', 'tHard', 'a', 'switchRule', 'switchMode'] },
  { title: 'Training', keys: ['lr', 'optimizer', 'batchSize', 'speed', 'backend'] },
  {
    title: 'Synthetic data',
    keys: ['imbalance', 'lesions', 'contrast', 'noise', 'size', 'trainSize', 'valSize', 'seed'],
  },
  { title: 'U-Net', keys: ['levels', 'width'] },
];
