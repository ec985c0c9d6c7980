/** Path helpers: splitting, extensions, supported formats, junk files. */
import type { FileFormat } from './types';

/** Normalises separators ('\\' → '/'), drops './', empty segments and a leading '/'. */
export function normalisePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

export interface PathParts {
  /** Folder segments, original case. */
  dirs: string[];
  /** File name with extension, original case. */
  name: string;
  /** File name without its extension ('.nii.gz' counts as one extension), original case. */
  stem: string;
  /** Lower-case extension including the dot, e.g. '.png', '.nii.gz'; '' when there is none. */
  ext: string;
}

export function splitPath(path: string): PathParts {
  const segs = normalisePath(path).split('/');
  const name = segs.pop() ?? '';
  const lower = name.toLowerCase();
  let ext = '';
  if (lower.endsWith('.nii.gz')) ext = '.nii.gz';
  else {
    const dot = lower.lastIndexOf('.');
    if (dot > 0) ext = lower.slice(dot);
  }
  return { dirs: segs, name, stem: name.slice(0, name.length - ext.length), ext };
}

const FORMAT_BY_EXT: Record<string, FileFormat> = {
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.nii': 'nifti',
  '.nii.gz': 'nifti',
  '.npy': 'npy',
};

/** The format of a file by its extension, 'zip' for archives, null when unsupported. */
export function formatOf(path: string): FileFormat | 'zip' | null {
  const { ext } = splitPath(path);
  if (ext === '.zip') return 'zip';
  return FORMAT_BY_EXT[ext] ?? null;
}

/** Operating-system clutter that is ignored without a message (macOS, Windows). */
export function isJunk(path: string): boolean {
  const norm = normalisePath(path);
  const segs = norm.split('/');
  if (segs.some((s) => s === '__MACOSX')) return true;
  const name = segs[segs.length - 1] ?? '';
  return name === '.DS_Store' || name.startsWith('._') || name === 'Thumbs.db' || name === 'desktop.ini';
}

export const UNSUPPORTED_MESSAGE = 'not a supported file type (PNG, JPEG, NIfTI .nii/.nii.gz, .npy, .zip)';
