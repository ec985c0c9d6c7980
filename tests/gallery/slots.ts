/** Every slot name, in page order (the test iterates these). */
export const SLOTS = [
  'sorted-fp',
  'sorted-fn',
  'sorted-fp-log-poor',
  'sorted-fp-phone',
  // The two-segment rank axis at 1:200 (docs/design.md §1.1a).
  'sorted-fp-head',
  'sorted-fp-head-phone',
  'bars',
  'bars-eps-highlight',
  'bars-phone',
  'shares',
  'shares-map',
  'equations',
  // The same with every collapsible block open: the app builds their contents only when opened.
  'equations-open',
  'history',
  'grad-history',
  'loss-metrics',
  'overlay-history',
  'overlay-share',
  'stage',
  'images',
  'analysis-maps',
  'experiment-plot',
] as const;
