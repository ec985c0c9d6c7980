import type { FromWorker, ToWorker } from './protocol';
import { afterFirstPaint } from './firstPaint';

/** Main-thread handle on the training worker: typed send, one listener for everything back. */
export interface EngineClient {
  send(msg: ToWorker): void;
  terminate(): void;
}

/**
 * Starts the training worker once `startAfter` resolves (by default, after the page's first
 * paint: the worker's script pulls in TensorFlow.js and its WASM binaries). Messages sent before
 * then are queued and delivered in order; a client terminated before then never starts one.
 */
export function startEngine(
  onMessage: (msg: FromWorker) => void,
  startAfter: Promise<void> = afterFirstPaint(),
): EngineClient {
  let worker: Worker | null = null;
  let stopped = false;
  const queue: ToWorker[] = [];
  void startAfter.then(() => {
    if (stopped) return;
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<FromWorker>) => onMessage(event.data);
    w.onerror = (event) => onMessage({ type: 'fatal', text: `Training worker failed: ${event.message}` });
    for (const msg of queue.splice(0)) w.postMessage(msg);
    worker = w;
  });
  return {
    send: (msg) => (worker ? worker.postMessage(msg) : queue.push(msg)),
    terminate: () => {
      stopped = true;
      queue.length = 0;
      worker?.terminate();
    },
  };
}
