import { useState, type ReactNode } from 'react';
import { PAIRING_RULES, PYTORCH_SNIPPET } from '../data/import/rules';
import { useUserData } from '../state/userData';
import { ImportDropZone, ImportModeChoice, type ImportMode } from './import/ImportInputs';
import { ImportReportView, UserDataStatus } from './import/ImportResults';
import { useUi } from './uiStore';

/**
 * “Your data”: drop or choose files, a folder or a .zip. Image/mask pairs train the U-Net in place
 * of the synthetic scans; probability maps with masks open the analysis view. Files are read in
 * this tab and never uploaded.
 */
export function ImportSection() {
  const open = useUi((s) => s.importOpen);
  const setImport = useUi((s) => s.setImport);
  const report = useUserData((s) => s.report);
  const busy = useUserData((s) => s.busy);
  // Kept here, not in the parts, so that closing and reopening the section keeps them.
  const [mode, setMode] = useState<ImportMode>('auto');
  const [over, setOver] = useState(false);
  if (!open) return null;

  return (
    <section className="section import-section" data-testid="import-section">
      <h1 className="section-title">
        Your data <small>read in this tab only: nothing is uploaded</small>
        <button className="section-close" onClick={() => setImport(false)} aria-label="Close">
          ×
        </button>
      </h1>
      <div className="import-row">
        <ImportDropZone mode={mode} busy={busy} over={over} setOver={setOver} />
        <ImportModeChoice mode={mode} setMode={setMode} />
      </div>
      {report ? <ImportReportView report={report} /> : null}
      <UserDataStatus />
      <details className="import-rules">
        <summary>How files are paired, binarised and normalised; writing predictions from PyTorch</summary>
        <p>{inlineMarkdown(PAIRING_RULES)}</p>
        <pre>{PYTORCH_SNIPPET}</pre>
      </details>
    </section>
  );
}

/** Renders the **bold** and `code` spans of the rules text (docs/import.md shows the same text). */
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
