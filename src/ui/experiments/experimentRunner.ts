/**
 * Main-thread side of the experiments worker: starts, cancels and resumes sweeps, keeps the store
 * and localStorage current. Cancelling terminates the worker at once; the run in training is lost
 * and trained again on resume (runs are the unit of progress, and each is deterministic).
 */
import type { BackendName } from '../../engine/protocol';
import type { FromExperimentWorker, ToExperimentWorker } from '../../experiments/protocol';
import { runQueue } from '../../experiments/queue';
import type { RunResult, SweepConfig } from '../../experiments/types';
import { cachedProbe } from '../../state/engineBridge';
import { useExperiments } from './experimentStore';
import { loadSweep, saveSweep } from './persistence';

let worker: Worker | null = null;

/** Backends the page allows (`?backends=`, used by the tests), as for the training worker. */
function allowedBackends(): BackendName[] | undefined {
  return new URLSearchParams(globalThis.location?.search ?? '').get('backends')?.split(',') as
    BackendName[] | undefined;
}

function stopWorker(): void {
  worker?.terminate();
  worker = null;
}

function onMessage(msg: FromExperimentWorker, config: SweepConfig): void {
  const set = useExperiments.setState;
  switch (msg.type) {
    case 'backend':
      set({ backend: msg.report.backend, status: 'running' });
      return;
    case 'progress': {
      const now = performance.now();
      const since = useExperiments.getState().since ?? { time: now, done: msg.progress.done };
      const rate = now > since.time ? (msg.progress.done - since.done) / (now - since.time) : 0;
      set({
        progress: msg.progress,
        since,
        etaSeconds: rate > 0 ? (msg.progress.total - msg.progress.done) / rate / 1000 : null,
      });
      return;
    }
    case 'run': {
      const runs = [...useExperiments.getState().runs.slice(0, msg.index), msg.run];
      saveSweep({ config, runs });
      set({ runs });
      return;
    }
    case 'done':
      stopWorker();
      set({ status: 'done', progress: null, message: null });
      return;
    case 'error':
      stopWorker();
      set({ status: 'error', message: `The sweep stopped: ${msg.text}` });
  }
}

function launch(config: SweepConfig, done: RunResult[]): void {
  stopWorker();
  useExperiments.setState({
    status: 'starting',
    config,
    runs: done,
    progress: null,
    since: null,
    etaSeconds: null,
    message: null,
  });
  saveSweep({ config, runs: done });
  if (done.length >= runQueue(config).length) {
    useExperiments.setState({ status: 'done' });
    return;
  }
  const w = new Worker(new URL('../../experiments/worker.ts', import.meta.url), { type: 'module' });
  worker = w;
  w.onmessage = (event: MessageEvent<FromExperimentWorker>) => {
    if (worker === w) onMessage(event.data, config);
  };
  w.onerror = (event) => {
    if (worker === w)
      onMessage({ type: 'error', text: event.message || 'the experiments worker failed to start' }, config);
  };
  const start: ToExperimentWorker = {
    type: 'start',
    config,
    done,
    backends: allowedBackends(),
    probeCache: cachedProbe(),
  };
  w.postMessage(start);
}

export function startSweep(config: SweepConfig): void {
  launch(config, []);
}

/** Continues the sweep in the store (after a cancel or a reload) from its first unfinished run. */
export function resumeSweep(): void {
  const { config, runs } = useExperiments.getState();
  if (config) launch(config, runs);
}

export function cancelSweep(): void {
  if (!worker) return;
  stopWorker();
  useExperiments.setState({
    status: 'cancelled',
    progress: null,
    since: null,
    message: 'Cancelled; the finished runs are kept and Resume continues with the next one.',
  });
}

/** Results (finished or not) into the store; from a file they are not resumable here. */
export function showResults(config: SweepConfig, runs: RunResult[], resumable: boolean): void {
  stopWorker();
  const complete = runs.length >= runQueue(config).length;
  useExperiments.setState({
    status: complete ? 'done' : resumable ? 'interrupted' : 'idle',
    config,
    runs,
    progress: null,
    since: null,
    message: null,
  });
  if (resumable) saveSweep({ config, runs });
}

/** At page load: the sweep saved in this browser, which resumes where it stopped. */
export function restoreSavedSweep(): void {
  const saved = loadSweep();
  if (saved) showResults(saved.config, saved.runs, true);
}
