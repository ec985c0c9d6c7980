/**
 * `npm run fonts:subset`: the app's own faces (src/ui/fonts.css) cut down from @fontsource's whole
 * DejaVu fonts to the scripts and symbols a lab about losses writes: Latin, Greek, punctuation,
 * super- and subscripts, arrows, maths operators, box drawing, shapes and ✓ ✗. Whole, the two Sans
 * weights are 487 KB and were loaded before the first render; cut, they are a small fraction of
 * that (docs/architecture.md, "Fonts"). The outputs are committed, so a build needs no subsetting;
 * run this again after changing RANGES (scripts/fontRanges.ts) or updating @fontsource, and the panel snapshot test's glyph
 * check (tests/browser/fontCoverage.ts) tells whether a character the panels draw was cut.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import subsetFont from 'subset-font';
import { RANGES } from './fontRanges';

const FACES = [
  ['@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff2', 'lab-sans-400.woff2'],
  ['@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff2', 'lab-sans-700.woff2'],
  ['@fontsource/dejavu-mono/files/dejavu-mono-latin-400-normal.woff2', 'lab-mono-400.woff2'],
] as const;

const text = RANGES.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i))).join(
  '',
);

for (const [from, to] of FACES) {
  const whole = readFileSync(resolve('node_modules', from));
  const cut = await subsetFont(whole, text, { targetFormat: 'woff2' });
  writeFileSync(resolve('src/ui/fonts', to), cut);
  console.log(`${to}: ${(whole.length / 1024).toFixed(1)} KB → ${(cut.length / 1024).toFixed(1)} KB`);
}
