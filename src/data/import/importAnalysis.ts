/** importAnalysis: a model's probability maps with their ground-truth masks, for the analysis panels. */
import { probabilityValues } from './normalise';
import { labelSlice, loadPairs, selectSlices, type Collector } from './pipeline';
import type { AnalysisItem, AnalysisResult, ImportOptions, InputFile } from './types';

/**
 * Imports probability maps (`x_prob.*`, `x_pred.*`, `probs/x.*`, `predictions/x.*`) paired with
 * masks by the same rules as `importPairs`. 8-bit PNG/JPEG → v/255, 16-bit PNG → v/65535, uint8
 * .npy → v/255, bool → 0/1; float .npy and NIfTI values must be finite and in [0, 1].
 */
export async function importAnalysis(files: InputFile[], opts?: ImportOptions): Promise<AnalysisResult> {
  const out: Collector = { problems: [], notes: [] };
  const items: AnalysisItem[] = [];
  await loadPairs(files, opts, 'analysis', out, (loaded) => {
    const p = probabilityValues(loaded.primary); // throws ImportError → problem on the probability file
    const { width, height } = loaded.primary;
    const px = width * height;
    const whole = loaded.primary.depth === 1;
    for (const k of selectSlices(loaded, out).kept) {
      items.push({
        ...labelSlice(loaded, k),
        width,
        height,
        p: whole ? p : p.slice(k * px, (k + 1) * px),
        y: whole ? loaded.binary : loaded.binary.slice(k * px, (k + 1) * px),
      });
    }
  });
  return { items, problems: out.problems, notes: out.notes };
}
