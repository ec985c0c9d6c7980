/**
 * The part both imports share: expand zips, recognise formats, pair by name, then open, size-check
 * and decode each pair, handing decoded pairs to a callback one at a time.
 */
import { dimsText, errorMessage, openFile, sameDims, type OpenedFile } from './decode';
import { binarise, distinctText, maskValues } from './normalise';
import { classify, pairFiles, type Classified, type Match } from './pairing';
import { formatOf, splitPath, UNSUPPORTED_MESSAGE } from './paths';
import {
  DEFAULT_MAX_SIDE,
  type Decoded,
  type Dims,
  type ImportOptions,
  type ImportProblem,
  type InputFile,
} from './types';
import { expandZips } from './zip';

export interface LoadedMatch {
  match: Match;
  /** Display name: the subject name, or the path without extension when names repeat. */
  name: string;
  primary: Decoded;
  mask: Decoded;
  /** Binary mask over all slices. */
  binary: Uint8Array;
}

export interface Collector {
  problems: ImportProblem[];
  notes: string[];
}

function tooBig(d: Dims, maxSide: number): boolean {
  return d.width > maxSide || d.height > maxSide;
}

function bigMessage(path: string, d: Dims, maxSide: number): string {
  return `${path} is ${dimsText(d)}; images larger than ${maxSide} px per side are not imported`;
}

function displayNames(matches: Match[]): Map<Match, string> {
  const count = new Map<string, number>();
  for (const m of matches)
    count.set(m.primary.subject.toLowerCase(), (count.get(m.primary.subject.toLowerCase()) ?? 0) + 1);
  const names = new Map<Match, string>();
  for (const m of matches) {
    const unique = count.get(m.primary.subject.toLowerCase()) === 1;
    const { dirs, stem } = splitPath(m.primary.path);
    names.set(m, unique ? m.primary.subject : [...dirs, stem].join('/'));
  }
  return names;
}

/**
 * Runs the shared pipeline; `consume` receives each decoded, size-checked pair with its binarised mask
 * (and may throw an ImportError naming the primary file's problem).
 */
export async function loadPairs(
  files: InputFile[],
  opts: ImportOptions | undefined,
  mode: 'pairs' | 'analysis',
  out: Collector,
  consume: (loaded: LoadedMatch) => void,
): Promise<void> {
  const pairing = pairFiles(recognise(files, out), mode);
  out.problems.push(...pairing.problems);
  out.notes.push(...pairing.notes);
  const names = displayNames(pairing.matches);
  for (const match of pairing.matches) {
    const loaded = await loadMatch(match, names.get(match) ?? match.primary.subject, opts, out);
    if (!loaded) continue;
    try {
      consume(loaded);
    } catch (e) {
      out.problems.push({ file: match.primary.path, message: errorMessage(match.primary.path, e) });
    }
  }
}

/** Zips expanded and every file's format recognised; unsupported files become problems. */
function recognise(files: InputFile[], out: Collector): Classified[] {
  const expanded = expandZips(files);
  out.problems.push(...expanded.problems);
  const classified: Classified[] = [];
  for (const f of expanded.files) {
    const format = formatOf(f.path);
    if (format === null || format === 'zip') {
      out.problems.push({ file: f.path, message: `${f.path}: ${UNSUPPORTED_MESSAGE}` });
      continue;
    }
    classified.push(classify(f, f.path, format));
  }
  return classified;
}

/**
 * One pair opened, size-checked, decoded and its mask binarised, or null after recording the
 * first problem. The headers are checked before decoding, so a too-large or mismatched pair
 * costs no decode.
 */
async function loadMatch(
  match: Match,
  name: string,
  opts: ImportOptions | undefined,
  out: Collector,
): Promise<LoadedMatch | null> {
  const maxSide = opts?.maxSide ?? DEFAULT_MAX_SIDE;
  const { primary, mask } = match;
  const fail = (c: Classified, e: unknown): null => {
    out.problems.push({ file: c.path, message: errorMessage(c.path, e) });
    return null;
  };
  const tooBigProblem = (d: Dims): null => {
    out.problems.push({ file: primary.path, message: bigMessage(primary.path, d, maxSide) });
    return null;
  };
  const mismatch = (a: Dims, b: Dims): null => {
    out.problems.push({
      file: primary.path,
      message: `${primary.path} is ${dimsText(a)} but ${mask.path} is ${dimsText(b)}`,
    });
    return null;
  };
  let pOpen: OpenedFile;
  let mOpen: OpenedFile;
  try {
    pOpen = openFile(primary.file.data, primary.format, opts?.decodeJpeg);
  } catch (e) {
    return fail(primary, e);
  }
  if (pOpen.dims && tooBig(pOpen.dims, maxSide)) return tooBigProblem(pOpen.dims);
  try {
    mOpen = openFile(mask.file.data, mask.format, opts?.decodeJpeg);
  } catch (e) {
    return fail(mask, e);
  }
  if (pOpen.dims && mOpen.dims && !sameDims(pOpen.dims, mOpen.dims)) return mismatch(pOpen.dims, mOpen.dims);
  let p: Decoded;
  let m: Decoded;
  try {
    p = await pOpen.decode();
  } catch (e) {
    return fail(primary, e);
  }
  if (tooBig(p, maxSide)) return tooBigProblem(p);
  try {
    m = await mOpen.decode();
  } catch (e) {
    return fail(mask, e);
  }
  if (!sameDims(p, m)) return mismatch(p, m);
  try {
    return { match, name, primary: p, mask: m, binary: binaryMask(m, mask.path, out) };
  } catch (e) {
    return fail(mask, e);
  }
}

/** The mask binarised, with a note when it was not binary already. */
function binaryMask(m: Decoded, path: string, out: Collector): Uint8Array {
  const b = binarise(maskValues(m));
  if (b.distinct > 2) {
    out.notes.push(`mask ${path} was not binary (${distinctText(b.distinct)}); binarised at ≥ 50% of its maximum`);
  }
  return b.mask;
}

export interface SliceReport {
  /** Slices kept (their indices). */
  kept: number[];
  /** Indices of kept slices that are entirely foreground. */
  allForeground: number[];
}

/**
 * Which slices of a binary stack to keep: all of a single slice; for volumes only slices with
 * foreground. Adds the notes and problems about empty and all-foreground masks.
 */
export function selectSlices(loaded: LoadedMatch, out: Collector): SliceReport {
  const { primary, mask } = loaded.match;
  const { width, height, depth } = loaded.primary;
  const px = width * height;
  const kept: number[] = [];
  const allForeground: number[] = [];
  for (let k = 0; k < depth; k++) {
    let f = 0;
    for (let i = k * px; i < (k + 1) * px; i++) f += loaded.binary[i];
    if (f === 0 && depth > 1) continue;
    kept.push(k);
    if (f === px) allForeground.push(k);
    if (f === 0) {
      out.problems.push({
        file: mask.path,
        message: `${mask.path}: mask is empty (f = 0) — there is no foreground; FN terms are 0 and the Balance loss has no top-f background`,
      });
    }
  }
  if (depth === 1 && allForeground.length === 1) {
    out.problems.push({
      file: mask.path,
      message: `${mask.path}: mask is all foreground (b = 0) — no background, so FP terms are 0`,
    });
  }
  if (depth > 1) {
    const skipped = depth - kept.length;
    if (kept.length === 0) {
      out.problems.push({
        file: mask.path,
        message: `${mask.path}: mask is empty (f = 0) in all ${depth} slices — there is no foreground, so nothing was imported from ${primary.path}`,
      });
    } else if (skipped > 0) {
      out.notes.push(`${primary.path}: ${skipped} of ${depth} slices have no foreground and were skipped`);
    }
    if (allForeground.length > 0) {
      out.problems.push({
        file: mask.path,
        message: `${mask.path}: ${allForeground.length} of ${depth} slices are all foreground (b = 0) — no background, so FP terms are 0 on them (slices ${allForeground.slice(0, 10).join(', ')}${allForeground.length > 10 ? ' …' : ''})`,
      });
    }
  }
  return { kept, allForeground };
}

/** Pair name and source text of slice k (k is ignored for 2-D pairs). */
export function labelSlice(loaded: LoadedMatch, k: number): { name: string; source: string } {
  const base = `${loaded.match.primary.path} + ${loaded.match.mask.path}`;
  if (loaded.primary.depth === 1) return { name: loaded.name, source: base };
  return { name: `${loaded.name} slice ${k}`, source: `${base} slice ${k}` };
}
