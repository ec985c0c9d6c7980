import { useMemo, useState, type ChangeEvent } from 'react';
import { readResults } from '../../experiments/readResults';
import { runQueue } from '../../experiments/queue';
import { seriesIn, seriesLabel } from '../../experiments/series';
import { summarise } from '../../experiments/summary';
import type { RunResult, SummaryRow, SweepConfig } from '../../experiments/types';
import { useExperimentView } from '../../state/experimentView';
import { ExperimentForm } from './ExperimentForm';
import { ExperimentCurves } from './ExperimentCurves';
import { ExperimentPlot } from './ExperimentPlot';
import { ExperimentProgress } from './ExperimentProgress';
import { ExperimentTable } from './ExperimentTable';
import { downloadResults } from './experimentFiles';
import { cancelSweep, resumeSweep, showResults, startSweep } from './experimentRunner';
import { useExperiments } from './experimentStore';

/**
 * Opening a results file: shows its runs, loads its configuration into the form (a new `formKey`
 * remounts the form with it) and keeps the error when the file does not read.
 */
function useOpenResults() {
  const setFormConfig = useExperimentView((s) => s.setConfig);
  const [formKey, setFormKey] = useState(0);
  const [fileError, setFileError] = useState<string | null>(null);
  const openFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const results = readResults(await file.text());
      showResults(results.config, results.runs, true);
      setFormConfig(results.config);
      setFormKey((k) => k + 1);
      setFileError(null);
    } catch (err) {
      setFileError(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return { formKey, fileError, openFile };
}

/** Every run as CSV or as the CLI's JSON (the table's CSV sits in the table's panel). */
function DownloadButtons({ config, runs }: { config: SweepConfig; runs: RunResult[] }) {
  return (
    <>
      <button
        type="button"
        data-testid="btn-experiment-runs-csv"
        onClick={() => downloadResults('runs-csv', config, runs)}
        title="One line per run"
      >
        Runs CSV
      </button>
      <button
        type="button"
        data-testid="btn-experiment-json"
        onClick={() => downloadResults('json', config, runs)}
        title="Configuration, every run and the summary (the CLI's format)"
      >
        JSON
      </button>
    </>
  );
}

interface ActionsProps {
  config: SweepConfig | null;
  runs: RunResult[];
  busy: boolean;
  resumable: boolean;
  total: number;
  onOpen: (e: ChangeEvent<HTMLInputElement>) => Promise<void>;
}

/**
 * Open a results file, and the buttons that can act now: Cancel while a sweep runs, Resume when a
 * stopped sweep has runs left, downloads once there are runs (issue 23: no button that does nothing).
 */
function ExperimentActions({ config, runs, busy, resumable, total, onOpen }: ActionsProps) {
  return (
    <>
      {busy ? (
        <button
          type="button"
          data-testid="btn-experiment-cancel"
          onClick={cancelSweep}
          title="Stop the sweep; finished runs are kept"
        >
          Cancel
        </button>
      ) : null}
      {resumable ? (
        <button
          type="button"
          className="primary"
          data-testid="btn-experiment-resume"
          onClick={resumeSweep}
          title="Continue the saved sweep with its first unfinished run"
        >
          Resume ({runs.length}/{total} done)
        </button>
      ) : null}
      <label className="file-button" title="Open a results JSON from this section or from npm run experiment">
        Open results…
        <input
          type="file"
          accept=".json,application/json"
          data-testid="input-open-experiment"
          onChange={(e) => void onOpen(e)}
          hidden
        />
      </label>
      {config && runs.length > 0 ? <DownloadButtons config={config} runs={runs} /> : null}
    </>
  );
}

/** The sweep's setup in one line, then the summary table and plot. */
function ExperimentResults({
  config,
  runs,
  total,
  summary,
}: {
  config: SweepConfig;
  runs: RunResult[];
  total: number;
  summary: SummaryRow[];
}) {
  return (
    <>
      <p className="experiment-note">
        {runs.length} of {total} runs finished · {config.steps} steps each · {config.size} px, {config.levels} levels,
        width {config.width}, batch {config.batchSize}, lr {config.lr} · losses{' '}
        {seriesIn(config.losses, runQueue(config)).map(seriesLabel).join(', ')}
      </p>
      <ExperimentTable summary={summary} config={config} runs={runs} />
      <ExperimentPlot summary={summary} losses={config.losses} ratios={config.ratios} />
      <ExperimentCurves runs={runs} losses={config.losses} ratios={config.ratios} steps={config.steps} />
    </>
  );
}

/**
 * Experiments: a sweep of losses × imbalance ratios × seeds, trained run after run in a worker,
 * so a question like "does the Balance loss help at 1:500?" is answered by several seeds, not one
 * live run. Results fill in as runs finish and survive a reload.
 */
export function ExperimentSection() {
  const open = useExperimentView((s) => s.open);
  const { status, config, runs, message, backend } = useExperiments();
  const { formKey, fileError, openFile } = useOpenResults();
  const summary = useMemo(() => summarise(runs), [runs]);
  if (!open) return null;
  const busy = status === 'running' || status === 'starting';
  const total = config ? runQueue(config).length : 0;
  const resumable =
    !busy &&
    config !== null &&
    runs.length < total &&
    (status === 'cancelled' || status === 'interrupted' || status === 'error');

  return (
    <section className="section experiment-section" data-testid="experiment-section">
      <h1 className="section-title">
        Experiments{' '}
        <small>
          losses × imbalance × seeds, trained one after another in a worker{backend ? ` on ${backend}` : ''}
        </small>
      </h1>
      <div className="panel experiment-setup">
        <ExperimentForm
          key={formKey}
          disabled={busy}
          onRun={startSweep}
          actions={
            <ExperimentActions
              config={config}
              runs={runs}
              busy={busy}
              resumable={resumable}
              total={total}
              onOpen={openFile}
            />
          }
        />
        <ExperimentProgress />
      </div>
      {message ? (
        <p className="experiment-note" data-testid="experiment-message">
          {message}
        </p>
      ) : null}
      {fileError ? (
        <p className="experiment-error" data-testid="experiment-file-error" role="alert">
          {fileError}
        </p>
      ) : null}
      {config && summary.length > 0 ? (
        <ExperimentResults config={config} runs={runs} total={total} summary={summary} />
      ) : null}
    </section>
  );
}
