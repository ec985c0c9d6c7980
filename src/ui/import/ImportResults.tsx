/** What an import did: the report of the last import, and the pairs loaded with what to do with them. */
import type { JSX } from 'react';
import { splitSummary } from '../../data/trainingData';
import {
  clearUserPairs,
  switchToSyntheticData,
  trainOnUserData,
  useUserData,
  type ImportReport,
} from '../../state/userData';

/** Counts of the last import, then its problems and notes. */
export function ImportReportView({ report }: { report: ImportReport }): JSX.Element {
  return (
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
  );
}

/** The imported pairs (with their train/validation split) and the switch between them and the synthetic scans. */
export function UserDataStatus(): JSX.Element | null {
  const pairs = useUserData((s) => s.pairs);
  const training = useUserData((s) => s.training);
  if (!pairs.length) return null;
  return (
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
  );
}
