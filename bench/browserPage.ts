/** Runs the engine bench in a module worker on the backend named in ?backend= and shows JSON. */
const backend = new URLSearchParams(location.search).get('backend') ?? 'webgpu';
const rounds = Number(new URLSearchParams(location.search).get('rounds') ?? 6);
const worker = new Worker(new URL('./browserWorker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (e: MessageEvent<unknown>) => {
  const out = document.getElementById('out') as HTMLElement;
  out.textContent = JSON.stringify(e.data);
  out.dataset.done = 'true';
};
worker.postMessage({ backend, rounds });
