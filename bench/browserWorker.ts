/// <reference lib="webworker" />
import '../src/engine/wasmAssets';
import { selectBackend, TRAINING_BACKENDS, trySetBackend } from '../src/engine/backend';
import { orderFromProbe, probeBackends, unetWorkload } from '../src/engine/probe';
import type { BackendName } from '../src/engine/protocol';
import { measureEngine } from './engineMeasure';
import { DEFAULT_STEP_PARAMS, measureDefaultStep } from './stepMeasure';

type Request = {
  backend: BackendName | 'auto';
  rounds: number;
  mode: 'engine' | 'step';
  tensorSteps: [number, number];
};

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async (e: MessageEvent<Request>) => {
  try {
    const { backend, rounds, mode, tensorSteps } = e.data;
    // 'auto' chooses as the app's worker does: the startup probe, fastest first.
    const probe =
      backend === 'auto'
        ? await probeBackends(TRAINING_BACKENDS, {
            workload: () => unetWorkload(DEFAULT_STEP_PARAMS),
            start: trySetBackend,
          })
        : null;
    const report = await selectBackend(probe ? orderFromProbe(probe, TRAINING_BACKENDS) : [backend as BackendName]);
    if (mode === 'step') {
      const step = await measureDefaultStep(2, rounds, 60_000);
      scope.postMessage({ ok: true, report, probe, step, isolated: crossOriginIsolated });
      return;
    }
    const figures = await measureEngine({ rounds, tensorSteps });
    scope.postMessage({ ok: true, report, figures });
  } catch (err) {
    scope.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
