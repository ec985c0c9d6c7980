/** Expands .zip archives (nested ones too) into plain files and drops OS clutter. */
import { unzipSync } from 'fflate';
import { formatOf, isJunk, normalisePath } from './paths';
import type { ImportProblem, InputFile } from './types';

const MAX_NESTING = 4;

export interface ExpandedFiles {
  files: InputFile[];
  problems: ImportProblem[];
}

/**
 * Returns the input files with every .zip replaced by its entries (path `<zip path>/<entry path>`),
 * folders, repeated paths and junk (`__MACOSX/`, `.DS_Store`, `._*`, `Thumbs.db`, `desktop.ini`) dropped and
 * paths normalised.
 */
export function expandZips(input: InputFile[]): ExpandedFiles {
  const files: InputFile[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  const visit = (file: InputFile, level: number): void => {
    const path = normalisePath(file.path);
    if (path === '' || isJunk(path)) return;
    if (seen.has(path)) return; // the same file given twice
    seen.add(path);
    if (formatOf(path) !== 'zip') {
      files.push({ path, data: file.data });
      return;
    }
    if (level >= MAX_NESTING) {
      problems.push({
        file: path,
        message: `${path}: zip archives nested more than ${MAX_NESTING} deep are not opened`,
      });
      return;
    }
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(file.data, { filter: (f) => !f.name.endsWith('/') && !isJunk(f.name) });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      problems.push({ file: path, message: `${path}: could not be opened as a zip archive (${reason})` });
      return;
    }
    const names = Object.keys(entries).sort();
    if (names.length === 0) {
      problems.push({ file: path, message: `${path}: the zip archive contains no files` });
      return;
    }
    for (const name of names) visit({ path: `${path}/${name}`, data: entries[name] }, level + 1);
  };
  for (const f of input) visit(f, 0);
  return { files, problems };
}
