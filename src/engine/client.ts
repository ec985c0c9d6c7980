import type { FromWorker, ToWorker } from './protocol';

/** Main-thread handle on the training worker: typed send, one listener for everything back. */
export interface EngineClient {
  send(msg: ToWorker): void;
  terminate(): void;
}

export function startEngine(onMessage: (msg: FromWorker) => void): EngineClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<FromWorker>) => onMessage(event.data);
  worker.onerror = (event) => onMessage({ type: 'fatal', text: `Training worker failed: ${event.message}` });
  return {
    send: (msg) => worker.postMessage(msg),
    terminate: () => worker.terminate(),
  };
}
