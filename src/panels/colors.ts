/**
 * One palette for every panel, chosen to stay distinct for common colour-vision deficiencies
 * (Okabe–Ito) and on a projector. Main terms are saturated; bias terms are their lighter kin.
 */
export const colors = {
  fpMain: '#D55E00',
  fpBias: '#E69F00',
  fnMain: '#0072B2',
  fnBias: '#56B4E9',
  weighted: '#CC79A7',
  threshold: '#222222',
  rank: '#009E73',
  grid: '#d0d4da',
  tp: '#009E73',
} as const;
