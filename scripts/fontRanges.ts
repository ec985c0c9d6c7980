/**
 * The code points the app's own faces keep (scripts/subsetFonts.ts cuts @fontsource's DejaVu to
 * them; tests/unit/fontCoverage.test.ts checks the committed files against them).
 */
/** Inclusive code point ranges kept. */
export const RANGES: readonly (readonly [number, number])[] = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x00ff], // Latin-1 Supplement (§ ± · × ½)
  [0x0131, 0x0131], // dotless i
  [0x0152, 0x0153], // Œ œ
  [0x0300, 0x0308], // combining accents (x̃, x̄, ẍ)
  [0x0391, 0x03c9], // Greek letters
  [0x03d1, 0x03d1], // ϑ
  [0x03d5, 0x03d5], // ϕ
  [0x03f5, 0x03f5], // ϵ
  [0x1d2c, 0x1d6a], // modifier letters (ᵀ ᵢ)
  [0x2010, 0x2044], // dashes, quotes, …, ′, ‹ ›, ⁄
  [0x2070, 0x209c], // super- and subscripts
  [0x20ac, 0x20ac], // €
  [0x2113, 0x2113], // ℓ
  [0x2190, 0x21ff], // arrows (← → ↔ ⇔)
  [0x2200, 0x22ff], // maths operators
  [0x2308, 0x230b], // ⌈ ⌉ ⌊ ⌋
  [0x2500, 0x257f], // box drawing (━ ╍ in legends)
  [0x25a0, 0x25ff], // geometric shapes (■ ▶ ▸ ▾ ●)
  [0x26a0, 0x26a0], // ⚠
  [0x2713, 0x2718], // ✓ ✔ ✕ ✖ ✗ ✘
  [0x275a, 0x275a], // ❚
];
