import type { InputFile } from '../../data/import';
import { importAnalysisFiles, importTrainingFiles, type ImportKind } from '../../state/userData';

/** Probability-map names (x_prob.*, x_pred.*, probs/…, predictions/…) mean "analyse", not "train". */
const looksLikePredictions = (files: InputFile[]): boolean =>
  files.some((f) => /(_prob|_pred)\.[^/]+$|(^|\/)(probs|predictions)\//i.test(f.path));

/** Files dropped or chosen anywhere in the app, imported as training pairs or as predictions to analyse. */
export async function importFiles(files: InputFile[], mode: ImportKind | 'auto'): Promise<void> {
  const kind = mode === 'auto' ? (looksLikePredictions(files) ? 'analysis' : 'pairs') : mode;
  await (kind === 'analysis' ? importAnalysisFiles(files) : importTrainingFiles(files));
}
