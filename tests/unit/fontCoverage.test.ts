/**
 * The cmap reader behind the panels' glyph check (tests/browser/fontCoverage.ts) on the faces the
 * app ships: it must see what DejaVu Sans has and what it lacks, or the check proves nothing.
 */
import { describe, expect, it } from 'vitest';
import { faceCoverage, uncoveredCharacters } from '../browser/fontCoverage';

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
});
