/** importPairs: images with binary masks, ready for training. */
import { fmt, grayValues, normaliseMinMax, normalisePercentile } from './normalise';
import { labelSlice, loadPairs, selectSlices, type Collector } from './pipeline';
import type { ImportedPair, ImportOptions, ImportResult, InputFile } from './types';

/**
 * Imports image/mask pairs from files (zips expanded). Never throws for bad input: every file that
 * cannot be used is reported in `problems` with a specific message and the rest still import.
 */
export async function importPairs(files: InputFile[], opts?: ImportOptions): Promise<ImportResult> {
  const out: Collector = { problems: [], notes: [] };
  const pairs: ImportedPair[] = [];
  await loadPairs(files, opts, 'pairs', out, (loaded) => {
    const { primary: img } = loaded;
    const path = loaded.match.primary.path;
    const kept = selectSlices(loaded, out).kept;
    if (kept.length === 0) return;
    const gray = grayValues(img);
    // NIfTI: per volume, clipped to the 0.5th–99.5th percentiles; other formats: per image min–max.
    const norm = img.format === 'nifti' ? normalisePercentile(gray) : normaliseMinMax(gray);
    if (norm.nonFinite > 0 && norm.nonFinite < gray.length) {
      out.notes.push(`${path}: ${norm.nonFinite} NaN or infinite values were set to the lowest finite value`);
    }
    if (norm.constant) {
      out.notes.push(
        norm.nonFinite === gray.length
          ? `${path}: image has no finite values; imported as all zeros`
          : `${path}: image is constant (every pixel is ${fmt(norm.lo)}); imported as all zeros`,
      );
    }
    const { width, height } = img;
    const px = width * height;
    for (const k of kept) {
      const whole = img.depth === 1;
      pairs.push({
        ...labelSlice(loaded, k),
        width,
        height,
        image: whole ? norm.values : norm.values.slice(k * px, (k + 1) * px),
        mask: whole ? loaded.binary : loaded.binary.slice(k * px, (k + 1) * px),
      });
    }
  });
  return { pairs, problems: out.problems, notes: out.notes };
}
