/**
 * The panels' visual tokens in one place: the palette, the inks and the font. A panel never
 * spells a colour of its own for text, axes or grids; it names one of these (docs/architecture.md,
 * "Panel kit").
 */

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

/** Primary text and data ink (labels, values, lines that are not a term's colour). */
export const INK = '#1f2328';
/** Secondary text: axis labels, notes, units (6.1:1 on white, AA for small text). */
export const MUTED = '#59636e';
/** Axis domain and tick strokes. */
export const AXIS = '#888';
/** Crosshair and hover rules. */
export const RULE = '#666';
/** Outline behind labels drawn over coloured areas. */
export const HALO = '#ffffff';
/** Background band of stage 2 (after the Balance loss switched). */
export const STAGE2_BAND = '#f1eef6';
/**
 * The panels' font: the app's own face (src/ui/fonts.css), the same on every machine; explicit so an
 * exported SVG embeds it (src/export/fonts.ts). It covers every character the panels draw
 * (tests/browser/panelSnapshots.test.ts checks), so the generic fallback is never used.
 */
export const PANEL_FONT = '"Lab Sans", sans-serif';
/** Monospaced text (Algorithm 1's paraphrase): the app's own mono face. */
export const MONO_FONT = '"Lab Mono", monospace';
/** Axis tick labels. */
export const AXIS_FONT_SIZE = 12;
