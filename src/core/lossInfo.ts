/**
 * Names, labels and tunable options of every loss, free of TensorFlow.js so that the main
 * thread (controls, URL schema) can list losses without loading tfjs; the functions live in
 * `losses/registry.ts`.
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

/**
 * Where a loss here is not the authors' `loss.py`, in words the UI shows wherever the loss is
 * chosen or listed (docs/design.md §1.3, "Baselines").
 */
export const lossNotes: Partial<Record<LossId, string>> = {
  focal:
    'Focal here is the textbook form on p (γ 2, α 0.25). The authors’ loss.py differs: it applies BCE-with-logits ' +
    'to softmax outputs, builds p_t from the raw logits, and runs the α and γ terms over both one-hot channels. ' +
    'We take that to be a bug and do not reproduce it.',
};

/**
 * Constants of the losses, here (free of tfjs) so that the tfjs losses and the closed-form
 * gradients of gradients.ts share one source. Predictions are clamped to [CLAMP, 1 − CLAMP]
 * before any log (docs/design.md §1.3).
 */
export const CLAMP = 1e-7;
/** The baselines as the authors run them (docs/design.md §1.3). */
export const BASELINE_CONSTANTS = {
  diceSmooth: 1e-5,
  tverskyAlpha: 0.3,
  tverskyBeta: 0.7,
  tverskySmooth: 1,
  focalGamma: 2,
  focalAlpha: 0.25,
} as const;
