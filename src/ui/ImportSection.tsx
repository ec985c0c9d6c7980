import { splitSummary } from '../data/trainingData';
import { useState, type DragEvent, type ReactNode } from 'react';
import {
  filesFromDataTransfer,
  filesFromFileList,
  PAIRING_RULES,
  PYTORCH_SNIPPET,
  type InputFile,
} from '../data/import';
import {
  clearUserPairs,
  importAnalysisFiles,
  importTrainingFiles,
  switchToSyntheticData,
  trainOnUserData,
  useUserData,
  type ImportKind,
} from '../state/userData';
import { useUi } from './uiStore';

/** Probability-map names (x_prob.*, x_pred.*, probs/…, predictions/…) mean "analyse", not "train". */
const looksLikePredictions = (files: InputFile[]): boolean =>
  files.some((f) => /(_prob|_pred)\.[^/]+$|(^|\/)(probs|predictions)\//i.test(f.path));

export async function importFiles(files: InputFile[], mode: ImportKind | 'auto'): Promise<void> {
  const kind = mode === 'auto' ? (looksLikePredictions(files) ? 'analysis' : 'pairs') : mode;
  await (kind === 'analysis' ? importAnalysisFiles(files) : importTrainingFiles(files));
}

/**
 * “Your data”: drop or choose files, a folder or a .zip. Image/mask pairs train the U-Net in place
 * of the synthetic scans; probability maps with masks open the analysis view. Files are read in
 * this tab and never uploaded.
 */
export function ImportSection() {
  const open = useUi((s) => s.importOpen);
  const setImport = useUi((s) => s.setImport);
  const pairs = useUserData((s) => s.pairs);
  const training = useUserData((s) => s.training);
  const report = useUserData((s) => s.report);
  const busy = useUserData((s) => s.busy);
  const [mode, setMode] = useState<ImportKind | 'auto'>('auto');
  const [over, setOver] = useState(false);
  if (!open) return null;

  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    void filesFromDataTransfer(e.dataTransfer).then((files) => importFiles(files, mode));
  };
  const onChoose = (list: FileList | null): void => {
    if (list?.length) void filesFromFileList(list).then((files) => importFiles(files, mode));
  };

  return (
    <section className="section import-section" data-testid="import-section">
      <h1 className="section-title">
        Your data <small>read in this tab only: nothing is uploaded</small>
        <button className="section-close" onClick={() => setImport(false)} aria-label="Close">
          ×
        </button>
      </h1>
      <div className="import-row">
        <div
          className={`drop-zone ${over ? 'over' : ''}`}
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          <strong>{busy ? 'Reading…' : 'Drop files, a folder or a .zip here'}</strong>
          <span>PNG (8/16-bit), JPEG, NIfTI .nii/.nii.gz, .npy</span>
          <span className="import-buttons">
            <label className="file-button">
              Choose files
              <input type="file" multiple data-testid="input-import-files" onChange={(e) => onChoose(e.target.files)} />
            </label>
            <label className="file-button">
              Choose a folder
              <input
                type="file"
                data-testid="input-import-folder"
                {...{ webkitdirectory: '' }}
                onChange={(e) => onChoose(e.target.files)}
              />
            </label>
          </span>
        </div>
        <fieldset className="import-mode">
          <legend>The files are</legend>
          {(
            [
              ['auto', 'decided by their names'],
              ['pairs', 'images with masks: train on them'],
              ['analysis', 'probability maps with masks: analyse only'],
            ] as const
          ).map(([value, text]) => (
            <label key={value}>
              <input
                type="radio"
                name="import-mode"
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
                data-testid={`import-mode-${value}`}
              />{' '}
              {text}
            </label>
          ))}
        </fieldset>
      </div>
      {report ? (
        <div className="import-report" data-testid="import-report" role="status">
          <p data-testid="import-summary">
            {report.kind === 'pairs'
              ? `${report.imported} image/mask pair${report.imported === 1 ? '' : 's'}`
              : `${report.imported} prediction${report.imported === 1 ? '' : 's'}`}{' '}
            imported from {report.files} file
            {report.files === 1 ? '' : 's'}
            {report.problems.length
              ? `; ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}:`
              : '.'}
          </p>
          {report.problems.length ? (
            <ul className="import-problems" data-testid="import-problems">
              {report.problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          ) : null}
          {report.notes.length ? (
            <ul className="import-notes" data-testid="import-notes">
              {report.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {pairs.length ? (
        <p className="import-status" data-testid="user-data-status">
          {pairs.length} pair{pairs.length === 1 ? '' : 's'} loaded (
          {splitSummary(pairs.map((pair) => pair.mask.some((v) => v > 0)))}).{' '}
          {training ? (
            <>
              Training on them. <button onClick={switchToSyntheticData}>Back to the synthetic scans</button>
            </>
          ) : (
            <button onClick={trainOnUserData}>Train on them</button>
          )}{' '}
          <button onClick={clearUserPairs}>Remove them</button>
        </p>
      ) : null}
      <details className="import-rules">
        <summary>How files are paired, binarised and normalised; writing predictions from PyTorch</summary>
        <p>{inlineMarkdown(PAIRING_RULES)}</p>
        <pre>{PYTORCH_SNIPPET}</pre>
      </details>
    </section>
  );
}

/** Renders the **bold** and `code` spans of the rules text (the README shows the same text). */
function inlineMarkdown(text: string): ReactNode[] {
  return text
    .split(/(\*\*[^*]+\*\*|`[^`]+`)/)
    .map((part, i) =>
      part.startsWith('**') ? (
        <strong key={i}>{part.slice(2, -2)}</strong>
      ) : part.startsWith('`') ? (
        <code key={i}>{part.slice(1, -1)}</code>
      ) : (
        part
      ),
    );
}
