/** Pairing by file name: which file is an image, a mask or a probability map, and which belong together. */
import { splitPath } from './paths';
import type { FileFormat, ImportProblem, InputFile } from './types';

export type Role = 'image' | 'mask' | 'prob';

export const MASK_SUFFIXES = [
  '_mask',
  '-mask',
  '_masks',
  '_seg',
  '-seg',
  '_segmentation',
  '_label',
  '-label',
  '_labels',
  '_gt',
  '-gt',
];
export const PROB_SUFFIXES = ['_prob', '-prob', '_probs', '_probability', '_pred', '-pred', '_preds', '_prediction'];
export const IMAGE_DIRS = ['images', 'image', 'imgs', 'img', 'imagestr', 'imagests'];
export const MASK_DIRS = [
  'masks',
  'mask',
  'labels',
  'label',
  'gt',
  'gts',
  'ground_truth',
  'groundtruth',
  'segmentations',
  'labelstr',
  'labelsts',
];
export const PROB_DIRS = ['probs', 'prob', 'probabilities', 'predictions', 'prediction', 'preds', 'pred'];

/** nnU-Net folders pair only with their own split (imagesTr ↔ labelsTr, imagesTs ↔ labelsTs). */
const SPLIT_TOKEN: Record<string, string> = { imagestr: 'tr', labelstr: 'tr', imagests: 'ts', labelsts: 'ts' };

export interface Classified {
  file: InputFile;
  /** Normalised path (original case). */
  path: string;
  format: FileFormat;
  role: Role;
  /** Lower-case pairing key: group folder + subject name. */
  key: string;
  /** Subject name (role suffix and nnU-Net channel suffix removed), original case. */
  subject: string;
  /** File extension, lower case, with the dot. */
  ext: string;
}

function stripSuffix(stem: string, suffixes: string[]): string | null {
  const lower = stem.toLowerCase();
  for (const s of suffixes)
    if (lower.length > s.length && lower.endsWith(s)) return stem.slice(0, stem.length - s.length);
  return null;
}

/** Decides role and pairing key of one file from its path. */
export function classify(file: InputFile, path: string, format: FileFormat): Classified {
  const { dirs, stem, ext } = splitPath(path);
  // The deepest images/, masks/, probs/ … folder decides the role; the key drops that one segment,
  // so 'd/images/sub/x.png' pairs with 'd/masks/sub/x.png'.
  let dirRole: Role | null = null;
  let at = -1;
  for (let j = dirs.length - 1; j >= 0 && dirRole === null; j--) {
    const seg = dirs[j].toLowerCase();
    if (IMAGE_DIRS.includes(seg)) dirRole = 'image';
    else if (MASK_DIRS.includes(seg)) dirRole = 'mask';
    else if (PROB_DIRS.includes(seg)) dirRole = 'prob';
    if (dirRole !== null) at = j;
  }
  const token = dirRole ? `[${SPLIT_TOKEN[dirs[at].toLowerCase()] ?? ''}]` : '';
  const groupDirs = dirRole ? [...dirs.slice(0, at), token, ...dirs.slice(at + 1)] : dirs;

  let role: Role = dirRole ?? 'image';
  let subject = stem;
  const asMask = stripSuffix(stem, MASK_SUFFIXES);
  const asProb = asMask === null ? stripSuffix(stem, PROB_SUFFIXES) : null;
  if (asMask !== null) {
    role = 'mask';
    subject = asMask;
  } else if (asProb !== null) {
    role = 'prob';
    subject = asProb;
  } else if (role === 'image' && (token === '[tr]' || token === '[ts]')) {
    subject = stem.replace(/_\d{4}$/, ''); // nnU-Net channel suffix, e.g. case_0000
  }
  const key = `${groupDirs.join('/').toLowerCase()}//${subject.toLowerCase()}`;
  return { file, path, format, role, key, subject, ext };
}

export interface Match {
  /** The image (pairs import) or the probability map (analysis import). */
  primary: Classified;
  mask: Classified;
}

export interface Pairing {
  matches: Match[];
  problems: ImportProblem[];
  notes: string[];
}

const byPath = (a: Classified, b: Classified): number => a.path.localeCompare(b.path, 'en', { numeric: true });

function list(paths: string[], max = 3): string {
  const shown = paths.slice(0, max).join(', ');
  return paths.length > max ? `${shown} and ${paths.length - max} more` : shown;
}

function noMaskMessage(c: Classified): string {
  const s = c.subject;
  const e = c.ext;
  return (
    `${c.path} has no mask (looked for ${s}_mask${e}, ${s}_seg${e}, ${s}_label${e}, ${s}_gt${e} or ${s}-mask${e} next to it, ` +
    `and masks/${s}${e}, labels/${s}${e} or gt/${s}${e} in a sibling folder; any supported extension)`
  );
}

function orphanMaskMessage(c: Classified, mode: 'pairs' | 'analysis'): string {
  const s = c.subject;
  if (mode === 'pairs') {
    return `${c.path} looks like a mask but has no matching image (looked for ${s}.png, .jpg, .nii, .nii.gz or .npy next to it or in a sibling images/ folder)`;
  }
  return `${c.path} looks like a mask but has no probability map (looked for ${s}_prob or ${s}_pred next to it, or ${s} in a sibling probs/ or predictions/ folder; .png or .npy)`;
}

/**
 * Groups classified files by key and pairs each primary file (image, or probability map in
 * analysis mode) with exactly one mask. Ambiguities and orphans become problems.
 */
export function pairFiles(files: Classified[], mode: 'pairs' | 'analysis'): Pairing {
  const primaryRole: Role = mode === 'pairs' ? 'image' : 'prob';
  const groups = new Map<string, Classified[]>();
  for (const f of [...files].sort(byPath)) {
    const g = groups.get(f.key);
    if (g) g.push(f);
    else groups.set(f.key, [f]);
  }
  const matches: Match[] = [];
  const problems: ImportProblem[] = [];
  const ignored: string[] = [];
  for (const group of groups.values()) {
    const primaries = group.filter((f) => f.role === primaryRole);
    const masks = group.filter((f) => f.role === 'mask');
    ignored.push(...group.filter((f) => f.role !== primaryRole && f.role !== 'mask').map((f) => f.path));
    if (primaries.length === 0) {
      for (const m of masks) problems.push({ file: m.path, message: orphanMaskMessage(m, mode) });
      continue;
    }
    if (primaries.length > 1) {
      const what = mode === 'pairs' ? 'images' : 'probability maps';
      problems.push({
        file: primaries[0].path,
        message: `${list(
          primaries.map((p) => p.path),
          10,
        )} are ${what} with the same name and would share one mask; keep only one of them`,
      });
      continue;
    }
    const primary = primaries[0];
    if (masks.length === 0) {
      problems.push({ file: primary.path, message: noMaskMessage(primary) });
    } else if (masks.length > 1) {
      problems.push({
        file: primary.path,
        message: `${primary.path} has more than one mask (${list(
          masks.map((m) => m.path),
          10,
        )}); keep only one of them`,
      });
    } else {
      matches.push({ primary, mask: masks[0] });
    }
  }
  const notes: string[] = [];
  if (ignored.length > 0) {
    notes.push(
      mode === 'pairs'
        ? `${ignored.length} probability map${ignored.length === 1 ? '' : 's'} ignored (${list(ignored)}); they are read by the analysis import`
        : `${ignored.length} image${ignored.length === 1 ? '' : 's'} ignored (${list(ignored)}); the analysis import reads probability maps and masks`,
    );
  }
  return { matches, problems, notes };
}
