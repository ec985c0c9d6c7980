/** Numbers that describe how soft FP/FN split into main and bias terms (docs/design.md §1.1–1.2). */
export interface Decomposition {
  /** Foreground / background pixel counts. */
  f: number;
  b: number;
  /** Eq. 1–2: hard counts at threshold t. */
  fpHard: number;
  fnHard: number;
  /** Soft counts: Σ_BG p and Σ_FG (1 − p). */
  fpSoft: number;
  fnSoft: number;
  /** Eq. 3–4 split: main (past the threshold) and bias (the long tail below it). */
  fpMain: number;
  fpBias: number;
  fnMain: number;
  fnBias: number;
  /** Eq. 5–8 mean errors; a mean over an empty set is 0. */
  eBgAbove: number;
  eBgBelow: number;
  eFgAbove: number;
  eFgBelow: number;
  /** f-th largest background prediction (Fig. 2); null when f = 0 or f > b. */
  kthBg: number | null;
  /** FP_hard > f: Inter-CBL's ε scales part of the main term. */
  mainAltered: boolean;
  /**
   * Which equation the paper prints for the ε-weighted FP (docs/design.md §1.4b): Eq. 12 when
   * kthBg ≥ t, Eq. 11 otherwise (also when there is no kthBg: f = 0 or f > b). This is the paper's
   * own case split; it differs from mainAltered when kthBg ≥ t but FP_hard ≤ f (e.g. FP_hard = f,
   * or kthBg = t exactly, which is not an FP), so a caption that states "kthBg ≥ t" uses eq12.
   */
  eq12: boolean;
}

/** Eq. 11–12: FP split with easy background (outside the top-f) weighted by ε. */
export interface WeightedFp {
  fpMainW: number;
  fpBiasW: number;
}

export interface DecomposeOptions {
  /** Binarisation threshold t of Eq. 1–2. */
  t: number;
  /** Inter-CBL weight ε on easy background; when given the result carries fpMainW/fpBiasW. */
  eps?: number;
}

/** Inter-CBL's ε: a number in [0, 1], or the authors' code ('reference': easy BG weighs f/N). */
export type EpsSetting = number | 'reference';
