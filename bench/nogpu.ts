/**
 * `npm run bench:nogpu` (about 2 minutes): one training step of the default run without a GPU,
 * on every path this project has. Default model (64 px, 3 levels, width 8, 120,681 parameters),
 * batch 8, Adam, Balance loss in stage 2; median ms from the call to the loss on the host.
 * Rows: Node WASM and Node CPU (tfjs), headless Chromium with WebGPU and WebGL disabled (the
 * backend the app's probe picks there), and, when Debian's python3-torch is installed, PyTorch
 * on the same net (bench/pytorch/unet_step.py; not a dependency, a yardstick), alternating with
 * Node WASM over three rounds; then the WASM step kernel by kernel (bench/wasmKernels.ts). Prints
 * tables, then as its last line one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { selectBackend } from '../src/engine/backend';
import { measureDefaultStep } from './stepMeasure';
import { kernelTable } from './wasmKernels';
import { benchBrowserStep } from './browserEngine';
import { round } from './timing';
import { launch, NO_GPU_FLAGS, startServer } from '../tests/browser/harness';

const figures: Record<string, number | string | null> = {};
const rows: Record<string, Record<string, string | number>> = {};

// PyTorch (1 thread) and Node WASM alternate, three rounds, while nothing else of this bench holds
// a core: each side's figure is the median of its three round medians (docs/benchmarks.md).
const ROUNDS = 3;
const python = '/usr/bin/python3';
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One PyTorch measurement (bench/pytorch/unet_step.py), or null when python3-torch is missing. */
function torchStep(threads: number): { torchStepMs: number; torchMinMs: number; params: number } | null {
  if (!existsSync(python)) return null;
  const run = spawnSync(python, [new URL('./pytorch/unet_step.py', import.meta.url).pathname, String(threads)], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  try {
    return JSON.parse(run.stdout?.trim().split('\n').pop() ?? '') as {
      torchStepMs: number;
      torchMinMs: number;
      params: number;
    };
  } catch {
    return null;
  }
}

await selectBackend(['wasm']);
const torchRounds: { torchStepMs: number; torchMinMs: number; params: number }[] = [];
const wasmRounds: Awaited<ReturnType<typeof measureDefaultStep>>[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const torch = torchStep(1);
  if (torch) torchRounds.push(torch);
  wasmRounds.push(await measureDefaultStep(3, 15));
  console.log(
    `round ${r + 1}/${ROUNDS}: PyTorch 1 thread ${torch ? `${torch.torchStepMs} ms` : 'n/a'}, Node WASM ${round(wasmRounds[r].medianMs, 1)} ms`,
  );
}
const wasm = {
  medianMs: median(wasmRounds.map((w) => w.medianMs)),
  minMs: Math.min(...wasmRounds.map((w) => w.minMs)),
  paramCount: wasmRounds[0].paramCount,
};
if (torchRounds.length) {
  const torchMs = median(torchRounds.map((t) => t.torchStepMs));
  const torchMin = Math.min(...torchRounds.map((t) => t.torchMinMs));
  rows['PyTorch CPU, 1 thread (reference)'] = { 'ms/step': torchMs, 'min ms': torchMin, params: torchRounds[0].params };
  figures.torch1ThreadStepMs = torchMs;
  figures.torch1ThreadMinMs = torchMin;
} else rows['PyTorch CPU, 1 thread'] = { 'ms/step': 'not available (python3-torch missing?)' };
const torch2 = torchStep(2);
if (torch2) {
  rows['PyTorch CPU, 2 threads (reference)'] = {
    'ms/step': torch2.torchStepMs,
    'min ms': torch2.torchMinMs,
    params: torch2.params,
  };
  figures.torch2ThreadStepMs = torch2.torchStepMs;
}
figures.nodeWasmMinMs = round(wasm.minMs, 1);
rows['Node, tfjs WASM (this project’s kernels)'] = {
  'ms/step': round(wasm.medianMs, 1),
  'min ms': round(wasm.minMs, 1),
  params: wasm.paramCount,
};
figures.nodeWasmStepMs = round(wasm.medianMs, 1);

// Where the WASM step spends its time (issue 20, point 15).
const kernels = await kernelTable();
console.log(`\n## Node WASM step by kernel (tf.profile, ${round(kernels.stepMs, 1)} ms per profiled step)`);
console.table(
  kernels.rows
    .filter((k) => k.share >= 0.005)
    .map((k) => ({
      kernel: k.kernel,
      'ms/step': round(k.msPerStep, 2),
      'calls/step': round(k.callsPerStep, 1),
      share: `${round(100 * k.share, 1)}%`,
    })),
);
figures.wasmTopKernels = kernels.rows
  .slice(0, 5)
  .map((k) => `${k.kernel} ${round(100 * k.share, 1)}%`)
  .join(', ');

await selectBackend(['cpu']);
const cpu = await measureDefaultStep(1, 3, 20_000);
rows['Node, tfjs CPU (with the fast CPU weight gradient)'] = {
  'ms/step': round(cpu.medianMs, 1),
  'min ms': round(cpu.minMs, 1),
  params: cpu.paramCount,
};
figures.nodeCpuStepMs = round(cpu.medianMs, 1);

const { server, origin } = await startServer();
const browser = await launch(NO_GPU_FLAGS);
try {
  const r = await benchBrowserStep(browser, origin, 'auto', 10);
  if (r.ok && r.step && r.report) {
    rows[`Chromium, no WebGPU/WebGL → ${r.report.backend}${r.isolated ? ' (threads)' : ''}`] = {
      'ms/step': round(r.step.medianMs, 1),
      'min ms': round(r.step.minMs, 1),
      params: r.step.paramCount,
    };
    figures.browserNoGpuStepMs = round(r.step.medianMs, 1);
    figures.browserNoGpuBackend = r.report.backend;
    if (r.probe) {
      console.log(`\nProbe in Chromium (${round(r.probe.totalMs, 0)} ms):`);
      for (const p of r.probe.results)
        console.log(`  ${p.backend}: ${p.msPerStep === null ? p.note : `${round(p.msPerStep, 1)} ms/step (batch 2)`}`);
    }
  } else {
    rows['Chromium, no WebGPU/WebGL'] = { 'ms/step': `failed: ${r.error ?? 'unknown'}` };
    figures.browserNoGpuStepMs = null;
    figures.browserNoGpuBackend = null;
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(
  '\n## One training step without a GPU (64 px, 3 levels, width 8, batch 8, Adam, Balance loss stage 2; median)',
);
console.table(rows);
if (typeof figures.torch1ThreadStepMs === 'number') {
  figures.nodeWasmOverTorch1Thread = round((figures.nodeWasmStepMs as number) / figures.torch1ThreadStepMs, 2);
  // Fastest steps too: on a shared machine the minima are the least disturbed figures.
  figures.nodeWasmOverTorch1ThreadMin = round(wasm.minMs / (figures.torch1ThreadMinMs as number), 2);
  console.log(
    `Node WASM / PyTorch (1 thread): ${figures.nodeWasmOverTorch1Thread} by medians, ${figures.nodeWasmOverTorch1ThreadMin} by fastest steps (target ≤ 3)`,
  );
}
console.log(JSON.stringify(figures));
