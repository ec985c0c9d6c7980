/// <reference lib="webworker" />
/**
 * The experiments worker: trains a sweep's runs one after another, off the main thread and apart
 * from the live run's worker. It picks the backend the way the training worker does: the cached
 * probe verdict when it covers the candidates, otherwise a fresh probe on the sweep's own U-Net.
 */
import '../engine/wasmAssets';
import { selectBackend, TRAINING_BACKENDS, trySetBackend } from '../engine/backend';
import { orderFromProbe, probeBackends, unetWorkload } from '../engine/probe';
import type { BackendName, BackendReport, ProbeReport } from '../engine/protocol';
import type { FromExperimentWorker, ToExperimentWorker } from './protocol';
import { runQueue } from './queue';
import { runParams } from './runOne';
import { runSweep } from './runSweep';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: FromExperimentWorker): void => scope.postMessage(msg);
/** Progress messages at most this often: a fast backend takes many steps per frame. */
const PROGRESS_MS = 150;

async function chooseBackend(msg: Extract<ToExperimentWorker, { type: 'start' }>): Promise<BackendReport> {
  const allowed: readonly BackendName[] = msg.backends ?? TRAINING_BACKENDS;
  let probe: ProbeReport | null = msg.probeCache ? { ...msg.probeCache, cached: true } : null;
  if (!probe?.results.some((r) => r.msPerStep !== null && allowed.includes(r.backend))) {
    const params = runParams(msg.config, runQueue(msg.config)[0]);
    probe = await probeBackends(allowed, { workload: () => unetWorkload(params), start: trySetBackend });
  }
  const selected = await selectBackend(orderFromProbe(probe, allowed));
  return { ...selected, choice: 'probe', probe };
}

scope.onmessage = async (event: MessageEvent<ToExperimentWorker>) => {
  const msg = event.data;
  try {
    const report = await chooseBackend(msg);
    post({ type: 'backend', report });
    let last = 0;
    await runSweep(msg.config, report.backend, {
      done: msg.done,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - last < PROGRESS_MS && progress.step > 1) return;
        last = now;
        post({ type: 'progress', progress });
      },
      onRun: (run, index) => post({ type: 'run', run, index }),
    });
    post({ type: 'done' });
  } catch (err) {
    post({ type: 'error', text: err instanceof Error ? err.message : String(err) });
  }
};
