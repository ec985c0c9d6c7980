/// <reference lib="webworker" />
import '../src/engine/wasmAssets';
import { selectBackend } from '../src/engine/backend';
import type { BackendName } from '../src/engine/protocol';
import { measureEngine } from './engineMeasure';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async (e: MessageEvent<{ backend: BackendName; rounds: number }>) => {
  try {
    const report = await selectBackend([e.data.backend]);
    const figures = await measureEngine({ rounds: e.data.rounds, tensorSteps: [20, 100] });
    scope.postMessage({ ok: true, report, figures });
  } catch (err) {
    scope.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
