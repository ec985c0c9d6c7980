/**
 * Names, labels and tunable options of every loss, free of TensorFlow.js so that the main
 * thread (controls, URL schema) can list losses without loading tfjs; the functions live in
 * registry.ts.
 */
export type LossParam = 'tHard' | 'eps' | 'a';

export const lossInfo = {
  balance: { label: 'Balance loss', params: ['tHard', 'eps', 'a'] },
  intra: { label: 'Intra-CBL', params: ['tHard'] },
  inter: { label: 'Inter-CBL', params: ['eps'] },
  bce: { label: 'BCE', params: [] },
  wce: { label: 'WCE (inverse frequency)', params: [] },
  dice: { label: 'Dice', params: [] },
  tversky: { label: 'Tversky (α 0.3, β 0.7)', params: [] },
  focal: { label: 'Focal (γ 2, α 0.25)', params: [] },
} as const satisfies Record<string, { label: string; params: readonly LossParam[] }>;

export type LossId = keyof typeof lossInfo;
export const lossIds = Object.keys(lossInfo) as LossId[];
