/**
 * Which characters the app's own faces draw (src/ui/fonts.css), read from the fonts' cmap tables,
 * and the check that every character a panel shows is drawn by a face the app ships: a character
 * no shipped face has would fall back to whatever font the machine has, and the panel would look
 * different there (issue 18).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliDecompressSync, inflateSync } from 'node:zlib';

const MODULES = resolve(__dirname, '../../node_modules');
const OWN_FONTS = resolve(__dirname, '../../src/ui/fonts');

/** The faces the app ships, by CSS family; `bold` is the face for weights ≥ 600 (CSS font matching), `italic` for italic text. */
const FACES: Record<string, { regular: string; bold?: string; italic?: string }> = {
  'Lab Sans': {
    regular: resolve(OWN_FONTS, 'lab-sans-400.woff2'),
    bold: resolve(OWN_FONTS, 'lab-sans-700.woff2'),
  },
  'Lab Mono': { regular: resolve(OWN_FONTS, 'lab-mono-400.woff2') },
  KaTeX_Main: {
    regular: 'katex/dist/fonts/KaTeX_Main-Regular.ttf',
    bold: 'katex/dist/fonts/KaTeX_Main-Bold.ttf',
    italic: 'katex/dist/fonts/KaTeX_Main-Italic.ttf',
  },
  KaTeX_Math: { regular: 'katex/dist/fonts/KaTeX_Math-Italic.ttf', bold: 'katex/dist/fonts/KaTeX_Math-BoldItalic.ttf' },
};

/** WOFF2's known table tags, by the 6-bit index its table directory uses (the first 13; a table beyond them is named by its index, which the check never reads). */
const WOFF2_TAGS = [
  'cmap',
  'head',
  'hhea',
  'hmtx',
  'maxp',
  'name',
  'OS/2',
  'post',
  'cvt ',
  'fpgm',
  'glyf',
  'loca',
  'prep',
];

/** A WOFF2 base-128 number at `at`: its value and the offset after it. */
function base128(file: Buffer, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const byte = file[at + i];
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  throw new Error('bad UIntBase128');
}

/**
 * The tables of a WOFF2 file: one Brotli stream holds them all, back to back in directory order.
 * glyf and loca may be stored transformed (then their stored length is the transformed one); cmap
 * never is, which is all the coverage check reads.
 */
function woff2Tables(file: Buffer): Map<string, Buffer> {
  const n = file.readUInt16BE(12);
  let at = 48;
  const entries: { tag: string; length: number }[] = [];
  for (let i = 0; i < n; i++) {
    const flags = file[at++];
    const tag = (flags & 0x3f) === 0x3f ? file.toString('latin1', at, (at += 4)) : WOFF2_TAGS[flags & 0x3f];
    let length: number;
    [length, at] = base128(file, at);
    const transform = flags >> 6;
    const transformed = tag === 'glyf' || tag === 'loca' ? transform === 0 : transform !== 0;
    if (transformed) [length, at] = base128(file, at);
    entries.push({ tag: tag ?? `#${flags & 0x3f}`, length });
  }
  const data = brotliDecompressSync(file.subarray(at, at + file.readUInt32BE(20)));
  const out = new Map<string, Buffer>();
  let offset = 0;
  for (const e of entries) {
    out.set(e.tag, data.subarray(offset, offset + e.length));
    offset += e.length;
  }
  return out;
}

/** The sfnt tables of a TTF, WOFF (1.0) or WOFF2 file, decompressed. */
function tables(file: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (file.toString('latin1', 0, 4) === 'wOF2') return woff2Tables(file);
  if (file.toString('latin1', 0, 4) === 'wOFF') {
    const n = file.readUInt16BE(12);
    for (let i = 0; i < n; i++) {
      const at = 44 + 20 * i;
      const [offset, compLength, origLength] = [
        file.readUInt32BE(at + 4),
        file.readUInt32BE(at + 8),
        file.readUInt32BE(at + 12),
      ];
      const data = file.subarray(offset, offset + compLength);
      out.set(file.toString('latin1', at, at + 4), compLength < origLength ? inflateSync(data) : data);
    }
    return out;
  }
  const n = file.readUInt16BE(4);
  for (let i = 0; i < n; i++) {
    const at = 12 + 16 * i;
    const [offset, length] = [file.readUInt32BE(at + 8), file.readUInt32BE(at + 12)];
    out.set(file.toString('latin1', at, at + 4), file.subarray(offset, offset + length));
  }
  return out;
}

/** Code points with a glyph, from a cmap subtable of format 4 (BMP) or 12 (full range). */
function mappedCodePoints(cmap: Buffer): Set<number> {
  const records = Array.from({ length: cmap.readUInt16BE(2) }, (_, i) => cmap.readUInt32BE(4 + 8 * i + 4));
  const formatOf = (offset: number) => cmap.readUInt16BE(offset);
  const offset = records.find((o) => formatOf(o) === 12) ?? records.find((o) => formatOf(o) === 4);
  if (offset === undefined) throw new Error('no cmap subtable of format 4 or 12');
  const out = new Set<number>();
  if (formatOf(offset) === 12) {
    const groups = cmap.readUInt32BE(offset + 12);
    for (let g = 0; g < groups; g++) {
      const at = offset + 16 + 12 * g;
      for (let c = cmap.readUInt32BE(at); c <= cmap.readUInt32BE(at + 4); c++) out.add(c);
    }
    return out;
  }
  const segs = cmap.readUInt16BE(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + 2 * segs + 2;
  const deltas = starts + 2 * segs;
  const rangeOffsets = deltas + 2 * segs;
  for (let s = 0; s < segs; s++) {
    const [start, end] = [cmap.readUInt16BE(starts + 2 * s), cmap.readUInt16BE(ends + 2 * s)];
    const delta = cmap.readInt16BE(deltas + 2 * s);
    const rangeOffset = cmap.readUInt16BE(rangeOffsets + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      // idRangeOffset ≠ 0: the glyph id is read from glyphIdArray, relative to this very field; 0 there is "missing".
      const listed = rangeOffset === 0 ? c : cmap.readUInt16BE(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
      const glyph = rangeOffset !== 0 && listed === 0 ? 0 : (listed + delta) & 0xffff;
      if (glyph !== 0) out.add(c);
    }
  }
  return out;
}

const cache = new Map<string, Set<number>>();

/** KaTeX's own families (KaTeX_AMS, KaTeX_Size1, …): the variant of its files closest to the weight and style. */
function katexFace(family: string, weight: number, italic: boolean): string | null {
  if (!family.startsWith('KaTeX_')) return null;
  const bold = weight >= 600;
  const wanted = [bold && italic ? 'BoldItalic' : bold ? 'Bold' : italic ? 'Italic' : 'Regular', 'Regular', 'Italic'];
  const path = wanted.map((v) => `katex/dist/fonts/${family}-${v}.ttf`).find((p) => existsSync(resolve(MODULES, p)));
  return path ?? null;
}

/** The code points a shipped face draws (the regular face, the bold one for weight ≥ 600, or the italic one). */
export function faceCoverage(family: string, weight = 400, italic = false): Set<number> | null {
  const face = FACES[family];
  const path = face
    ? italic && face.italic
      ? face.italic
      : weight >= 600 && face.bold
        ? face.bold
        : face.regular
    : katexFace(family, weight, italic);
  return path ? fileCoverage(path) : null;
}

/** The code points a font file (TTF, WOFF or WOFF2; absolute or under node_modules) maps to a glyph. */
export function fileCoverage(path: string): Set<number> {
  let hit = cache.get(path);
  if (!hit) {
    const cmap = tables(readFileSync(resolve(MODULES, path))).get('cmap');
    if (!cmap) throw new Error(`${path} has no cmap table`);
    hit = mappedCodePoints(cmap);
    cache.set(path, hit);
  }
  return hit;
}

/** A run of text as the page draws it: the characters and the computed font of its element. */
export interface TextRun {
  text: string;
  fontFamily: string;
  fontWeight: string;
  fontStyle: string;
  where: string;
}

/** Characters that draw nothing: whitespace, zero-width spaces and joiners. */
const INVISIBLE = /[\s\u200b-\u200d\u2060-\u2064\ufeff]/u;

/**
 * One line per run of text whose characters reach a family the app does not ship (a system font,
 * or a generic one that picks a system font) before a shipped face that has them.
 */
export function uncoveredCharacters(runs: readonly TextRun[]): string[] {
  const problems = new Set<string>();
  for (const run of runs) {
    const families = run.fontFamily.split(',').map((f) => f.trim().replace(/^["']|["']$/g, ''));
    const weight = Number(run.fontWeight) || 400;
    const italic = run.fontStyle !== 'normal';
    const covers = (family: string) => faceCoverage(family, weight, italic);
    const missing = new Map<string, Set<string>>();
    for (const ch of run.text) {
      if (INVISIBLE.test(ch)) continue;
      const code = ch.codePointAt(0)!;
      // The browser takes the first family of the list that has the glyph; past a family we do not ship it is the machine's.
      const first = families.findIndex((f) => covers(f)?.has(code));
      const foreign = families.findIndex((f) => covers(f) === null);
      if (first >= 0 && (foreign < 0 || first < foreign)) continue;
      const fallsTo = foreign >= 0 ? families[foreign] : 'the machine’s fallback font';
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      missing.set(fallsTo, (missing.get(fallsTo) ?? new Set()).add(`${ch} U+${hex}`));
    }
    for (const [fallsTo, chars] of missing)
      problems.add(`${run.where}: ${[...chars].join(', ')} fall to ${fallsTo} (font-family: ${run.fontFamily})`);
  }
  return [...problems];
}
