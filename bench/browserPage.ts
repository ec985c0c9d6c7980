/** Runs a bench in a module worker (see browserWorker.ts) per the query string and shows JSON. */
const query = new URLSearchParams(location.search);
const backend = query.get('backend') ?? 'webgpu';
const rounds = Number(query.get('rounds') ?? 6);
const mode = query.get('mode') === 'step' ? 'step' : 'engine';
const tensorSteps = (query.get('tensors') ?? '20,100').split(',').map(Number);
const worker = new Worker(new URL('./browserWorker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (e: MessageEvent<unknown>) => {
  const out = document.getElementById('out') as HTMLElement;
  out.textContent = JSON.stringify(e.data);
  out.dataset.done = 'true';
};
worker.postMessage({ backend, rounds, mode, tensorSteps });
