import { startEngine, type EngineClient } from '../engine/client';
import { displayEps } from '../engine/displayEps';
import type { BackendName, ToWorker } from '../engine/protocol';
import { useLab } from './store';
import { paramKeys, type ParamKey, type Params } from './schema';

/** Parameters only the main thread uses: the engine never hears about them. */
const UI_ONLY = new Set<ParamKey>(['conceptRatio', 'conceptQuality']);

let client: EngineClient | null = null;

/** Sends a command to the training worker (no-op before it starts). */
export function sendToEngine(msg: ToWorker): void {
  client?.send(msg);
}

/**
 * Starts the training worker and wires it to the store: messages in, parameter changes out.
 * `backends` restricts the fallback order (tests use it to make WebGPU unavailable).
 */
export function connectEngine(backends?: BackendName[]): () => void {
  const store = useLab;
  client = startEngine((msg) => {
    const s = store.getState();
    switch (msg.type) {
      case 'backend':
        s.setBackend(msg.report);
        for (const f of msg.report.fallbacks) s.notify({ level: 'warn', text: `${f.backend} not used: ${f.reason}. Training on ${msg.report.backend}.` });
        break;
      case 'dataset':
        s.receiveDataset(msg.info);
        break;
      case 'snapshot':
        s.receiveSnapshot(msg.snapshot, displayEps(s.params, s.dataset?.valMasks ?? []));
        break;
      case 'progress':
        if (msg.runId === s.dataset?.runId) s.setLiveStep(msg.step);
        break;
      case 'state':
        s.setRunning(msg.running);
        break;
      case 'notice':
        s.notify(msg.notice);
        break;
      case 'fatal':
        s.setRunning(false);
        s.notify({ level: 'error', text: msg.text });
        break;
    }
  });
  client.send({ type: 'init', params: store.getState().params, backends });
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.params === prev.params) return;
    const changed: Partial<Params> = {};
    for (const key of paramKeys) {
      if (!UI_ONLY.has(key) && state.params[key] !== prev.params[key]) (changed as Record<ParamKey, unknown>)[key] = state.params[key];
    }
    if (Object.keys(changed).length > 0) client?.send({ type: 'setParams', params: changed });
  });
  return () => {
    unsubscribe();
    client?.terminate();
    client = null;
  };
}
