/// <reference lib="webworker" />
/**
 * Module worker entry: training never runs on the main thread. The tfjs backends are chosen
 * inside the worker (WebGPU needs navigator.gpu to exist before its module loads).
 */
import './wasmAssets';
import type { FromWorker, ToWorker } from './protocol';
import { Runner } from './runner';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const runner = new Runner((msg: FromWorker, transfer?: Transferable[]) => scope.postMessage(msg, transfer ?? []));
scope.onmessage = (event: MessageEvent<ToWorker>) => runner.handle(event.data);
