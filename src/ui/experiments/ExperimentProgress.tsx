import { useExperiments } from './experimentStore';

const fmtTime = (s: number): string =>
  s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`;

/** Progress over every step of the sweep, with an ETA from the rate since this stretch began. */
export function ExperimentProgress() {
  const { status, progress, etaSeconds, config, runs } = useExperiments();
  if (status !== 'running' && status !== 'starting') return null;
  if (!progress || !config) {
    return (
      <div className="experiment-progress" data-testid="experiment-progress" data-status={status}>
        <progress /> Choosing the fastest backend and building the first run ({runs.length} done)…
      </div>
    );
  }
  const eta = etaSeconds !== null ? fmtTime(etaSeconds) : '…';
  return (
    <div
      className="experiment-progress"
      data-testid="experiment-progress"
      data-status={status}
      data-done={progress.done}
      data-total={progress.total}
    >
      <progress max={progress.total} value={progress.done} /> run {progress.run + 1}/{progress.runs}, step{' '}
      {progress.step}/{config.steps} · {Math.round((100 * progress.done) / progress.total)}% · ETA {eta}
    </div>
  );
}
