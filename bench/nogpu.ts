/**
 * `npm run bench:nogpu` (about 2 minutes): one training step of the default run without a GPU,
 * on every path this project has. Default model (64 px, 3 levels, width 8, 120,681 parameters),
 * batch 8, Adam, Balance loss in stage 2; median ms from the call to the loss on the host.
 * Rows: Node WASM and Node CPU (tfjs), headless Chromium with WebGPU and WebGL disabled (the
 * backend the app's probe picks there), and, when Debian's python3-torch is installed, PyTorch
 * on the same net (bench/pytorch/unet_step.py; not a dependency, a yardstick). Prints a table,
 * then as its last line one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { selectBackend } from '../src/engine/backend';
import { measureDefaultStep } from './stepMeasure';
import { benchBrowserStep } from './browserEngine';
import { round } from './timing';
import { launch, NO_GPU_FLAGS, startServer } from '../tests/browser/harness';

const figures: Record<string, number | string | null> = {};
const rows: Record<string, Record<string, string | number>> = {};

// PyTorch first, while nothing else of this bench holds a core.
const python = '/usr/bin/python3';
if (existsSync(python)) {
  for (const threads of [1, 2]) {
    const run = spawnSync(python, [new URL('./pytorch/unet_step.py', import.meta.url).pathname, String(threads)], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const line = run.stdout?.trim().split('\n').pop() ?? '';
    try {
      const torch = JSON.parse(line) as { torchStepMs: number; torchMinMs: number; params: number };
      rows[`PyTorch CPU, ${threads} thread${threads > 1 ? 's' : ''} (reference)`] = {
        'ms/step': torch.torchStepMs,
        'min ms': torch.torchMinMs,
        params: torch.params,
      };
      figures[`torch${threads}ThreadStepMs`] = torch.torchStepMs;
      if (threads === 1) figures.torch1ThreadMinMs = torch.torchMinMs;
    } catch {
      rows[`PyTorch CPU, ${threads} thread(s)`] = { 'ms/step': 'not available (python3-torch missing?)' };
    }
  }
}

await selectBackend(['wasm']);
const wasm = await measureDefaultStep(3, 15);
figures.nodeWasmMinMs = round(wasm.minMs, 1);
rows['Node, tfjs WASM (this project’s kernels)'] = {
  'ms/step': round(wasm.medianMs, 1),
  'min ms': round(wasm.minMs, 1),
  params: wasm.paramCount,
};
figures.nodeWasmStepMs = round(wasm.medianMs, 1);

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
