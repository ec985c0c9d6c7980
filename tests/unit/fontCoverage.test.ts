/**
 * The cmap reader behind the panels' glyph check (tests/browser/fontCoverage.ts) on the faces the
 * app ships: it must see what DejaVu Sans has and what it lacks, or the check proves nothing.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RANGES } from '../../scripts/fontRanges';
import { faceCoverage, fileCoverage, uncoveredCharacters } from '../browser/fontCoverage';

const has = (family: string, text: string, weight = 400) =>
  [...text].map((ch) => faceCoverage(family, weight)?.has(ch.codePointAt(0)!) ?? false);

describe('font coverage', () => {
  it('reads the cmaps of the shipped faces: Latin, Greek, sub- and superscripts, arrows and relations', () => {
    const text = 'Aa0 εσΣ ₀₁ ᵢ ⁺ ≤≥ · − × ← ⇔ ✓✗ ∂';
    expect(has('Lab Sans', text).every(Boolean)).toBe(true);
    expect(has('Lab Sans', text, 700).filter((ok) => !ok)).toHaveLength(0);
    expect(has('Lab Mono', 'fgOK ← numF ≥ n/2').every(Boolean)).toBe(true);
    expect(has('KaTeX_Math', 'fbε').every(Boolean)).toBe(true);
    // What they lack: DejaVu Sans has no bottom curly bracket, KaTeX's math italic no CJK.
    expect(has('Lab Sans', '⏟')).toEqual([false]);
    expect(has('KaTeX_Math', '中')).toEqual([false]);
    expect(faceCoverage('Arial')).toBeNull();
  });

  it('flags a character that reaches a family the app does not ship, and nothing else', () => {
    const runs = [
      { text: 'ε ≤ t', fontFamily: '"Lab Sans", sans-serif', fontWeight: '400', fontStyle: 'normal', where: 'a' },
      { text: 'f', fontFamily: 'KaTeX_Math, "Lab Sans", serif', fontWeight: '400', fontStyle: 'normal', where: 'b' },
      { text: '⏟', fontFamily: '"Lab Sans", sans-serif', fontWeight: '400', fontStyle: 'normal', where: 'c' },
      { text: 'x', fontFamily: 'Arial, "Lab Sans"', fontWeight: '400', fontStyle: 'normal', where: 'd' },
      { text: '⏟', fontFamily: '"Lab Sans"', fontWeight: '700', fontStyle: 'normal', where: 'e' },
    ];
    expect(uncoveredCharacters(runs)).toEqual([
      'c: ⏟ U+23DF fall to sans-serif (font-family: "Lab Sans", sans-serif)',
      'd: x U+0078 fall to Arial (font-family: Arial, "Lab Sans")',
      'e: ⏟ U+23DF fall to the machine’s fallback font (font-family: "Lab Sans")',
    ]);
  });

  it('the shipped faces are @fontsource DejaVu cut to the kept ranges: every kept character the whole font has, next to nothing else', () => {
    const pairs = [
      ['src/ui/fonts/lab-sans-400.woff2', '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff'],
      ['src/ui/fonts/lab-sans-700.woff2', '@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff'],
      ['src/ui/fonts/lab-mono-400.woff2', '@fontsource/dejavu-mono/files/dejavu-mono-latin-400-normal.woff'],
    ];
    const kept = (c: number) => RANGES.some(([a, b]) => c >= a && c <= b);
    for (const [cut, whole] of pairs) {
      const expected = new Set([...fileCoverage(whole)].filter(kept));
      const shipped = fileCoverage(resolve(cut));
      // Read from two formats (WOFF2 and WOFF 1.0) by two paths of the reader; hundreds of characters.
      expect(shipped.size).toBeGreaterThan(500);
      const hex = (cs: number[]) => cs.map((c) => c.toString(16));
      const extra = hex([...shipped].filter((c) => !expected.has(c)));
      const missing = hex([...expected].filter((c) => !shipped.has(c)));
      expect({ cut, missing }).toEqual({ cut, missing: [] });
      // HarfBuzz keeps a code point outside the ranges when it maps to a glyph a kept one uses
      // (U+27DC in the mono face); a real leak of whole blocks would show as hundreds.
      expect(extra.length).toBeLessThanOrEqual(3);
    }
  });
});
