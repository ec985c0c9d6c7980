/**
 * `npm run bench`: every speed and memory figure, measured side by side in one run. Prints
 * human tables, then as its last line one JSON object of named figures. Absolute times on this
 * machine are not GPU times (WebGPU runs on SwiftShader); compare the ratios.
 */
import * as tf from '@tensorflow/tfjs';
import { benchCore } from './core';
import { selectBackend } from '../src/engine/backend';
import { measureEngine } from './engineMeasure';
import { benchBrowserEngine } from './browserEngine';
import { benchUi } from './ui';
import { benchSoak, soakFigures, soakTable, SOAK_FLAGS } from './soak';
import { round } from './timing';
import { launch, SOFTWARE_RASTER_FLAGS, startPreview, startServer, WEBGPU_FLAGS } from '../tests/browser/harness';

const quick = process.argv.includes('--quick');
const figures: Record<string, number | string> = {};
Object.assign(figures, await benchCore());

await tf.setBackend('cpu');
const node = await measureEngine({ rounds: quick ? 4 : 10, tensorSteps: quick ? [20, 100] : [100, 1000] });
const engineRows: Record<string, Record<string, number | string>> = {};
const addEngine = (label: string, key: string, f: typeof node) => {
  engineRows[label] = {
    'Balance ms/step': round(f.balanceMs, 1),
    'BCE ms/step': round(f.bceMs, 1),
    'Balance/BCE': round(f.balanceOverBce),
    'steps/s': round(f.stepsPerSecond, 2),
    'snapshot overhead': `${round(f.snapshotOverhead * 100, 1)}%`,
    tensors: `${f.tensorsAtA} @${f.tensorSteps[0]} → ${f.tensorsAtB} @${f.tensorSteps[1]}`,
  };
  figures[`${key}StepsPerSecond`] = round(f.stepsPerSecond, 3);
  figures[`${key}BalanceOverBce`] = round(f.balanceOverBce);
  figures[`${key}SnapshotOverhead`] = round(f.snapshotOverhead);
  figures[`${key}TensorGrowth`] = f.tensorsAtB - f.tensorsAtA;
};
addEngine('Node CPU', 'nodeCpu', node);
await selectBackend(['wasm']);
const nodeWasm = await measureEngine({ rounds: quick ? 4 : 10, tensorSteps: quick ? [20, 100] : [100, 1000] });
addEngine('Node WASM', 'nodeWasm', nodeWasm);

const { server, origin } = await startServer();
const browser = await launch();
try {
  const keyOf: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'Wasm' };
  for (const r of await benchBrowserEngine(browser, origin, ['webgpu', 'webgl', 'wasm'], quick ? 3 : 6)) {
    if (r.ok && r.figures) addEngine(`Chromium ${r.backend}`, `chromium${keyOf[r.backend]}`, r.figures);
    else engineRows[`Chromium ${r.backend}`] = { error: r.error ?? 'unknown' };
  }
  console.log('\n## Engine (32 px, 2 levels, width 8, batch 4; tensor growth at batch 1; Balance/BCE target ≤ 1.3)');
  console.table(engineRows);

  // The production build. Frames are composited by the GPU process, which SwiftShader also uses
  // for the worker's WebGPU kernels: the frame rate is measured with the worker training on
  // WebGPU and, to isolate the main thread, on the CPU backend.
  const prod = await startPreview();
  try {
    // Each in a fresh browser: SwiftShader work queued by one page's worker can outlive the page
    // and would slow the next measurement's compositing.
    const fresh = async (flags: string[], query: string) => {
      const b = await launch(flags);
      return benchUi(b, prod.origin, query).finally(() => b.close());
    };
    const onGpu = await fresh(WEBGPU_FLAGS, '?be=webgpu');
    const onCpu = await fresh(WEBGPU_FLAGS, '?backends=cpu');
    // Software raster, as most machines without SwiftShader would composite: the main thread's cost.
    const onCpuSoft = await fresh(SOFTWARE_RASTER_FLAGS, '?backends=cpu');
    const row = (u: typeof onGpu) => ({
      'slider→paint p95 paused': `${round(u.sliderIdleP95Ms, 1)} ms`,
      'median paused': `${round(u.sliderIdleMedianMs, 1)} ms`,
      'p95 paused, settled': `${round(u.sliderIdleSettledP95Ms, 1)} ms`,
      't_h slider p95 paused': `${round(u.sliderThIdleP95Ms, 1)} ms`,
      'slider→paint p95 training': `${round(u.sliderTrainingP95Ms, 1)} ms`,
      'median training': `${round(u.sliderTrainingMedianMs, 1)} ms`,
      'fps training': round(u.fps, 1),
      'long tasks > 50 ms': u.longTasksOver50,
      'event-loop lag p95': `${round(u.eventLoopLagP95Ms, 1)} ms`,
    });
    console.log(
      '\n## UI at default sizes, production build (64 px, batch 8; targets: p95 ≤ 50 ms, ≥ 30 fps, no long task > 50 ms)',
    );
    console.table({
      'worker on WebGPU (SwiftShader)': row(onGpu),
      'worker on CPU backend': row(onCpu),
      'worker on CPU, software raster': row(onCpuSoft),
    });
    for (const [key, u] of [
      ['webgpu', onGpu],
      ['cpu', onCpu],
      ['cpuSoftRaster', onCpuSoft],
    ] as const) {
      figures[`ui_${key}_sliderPausedP95Ms`] = round(u.sliderIdleP95Ms, 1);
      figures[`ui_${key}_sliderPausedMedianMs`] = round(u.sliderIdleMedianMs, 1);
      figures[`ui_${key}_sliderPausedSettledP95Ms`] = round(u.sliderIdleSettledP95Ms, 1);
      figures[`ui_${key}_sliderThPausedP95Ms`] = round(u.sliderThIdleP95Ms, 1);
      figures[`ui_${key}_sliderTrainingP95Ms`] = round(u.sliderTrainingP95Ms, 1);
      figures[`ui_${key}_sliderTrainingMedianMs`] = round(u.sliderTrainingMedianMs, 1);
      figures[`ui_${key}_fpsTraining`] = round(u.fps, 1);
      figures[`ui_${key}_longTasksOver50ms`] = u.longTasksOver50;
      figures[`ui_${key}_eventLoopLagP95Ms`] = round(u.eventLoopLagP95Ms, 1);
    }

    // Soak: thousands of steps in a fresh browser; heap, DOM and history must stay flat (bench/soak.ts).
    const soakSteps = quick ? 1000 : 5000;
    const soakBrowser = await launch([...SOFTWARE_RASTER_FLAGS, ...SOAK_FLAGS]);
    const soak = await benchSoak(soakBrowser, prod.origin, soakSteps).finally(() => soakBrowser.close());
    console.log(
      `\n## Soak: ${soakSteps} steps, small model on WASM, production build (targets: heap and DOM flat within 10%, history within its bound)`,
    );
    console.table(soakTable(soak));
    Object.assign(figures, soakFigures(soak));
  } finally {
    await prod.server.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(figures));
