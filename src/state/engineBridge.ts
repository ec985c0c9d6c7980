import { startEngine, type EngineClient } from '../engine/client';
import { displayEps } from '../engine/displayEps';
import type { BackendName, ModelExport, ProbeReport, Reply, StepRecord, ToWorker } from '../engine/protocol';
import { useLab, type LabStore } from './store';
import { paramKeys, type ParamKey, type Params } from '../params/schema';
import { createSnapshotGate } from './snapshotGate';

/** Parameters only the main thread uses: the engine never hears about them. */
const UI_ONLY = new Set<ParamKey>(['conceptRatio', 'conceptQuality', 'conceptRankAxis']);

/** One training worker per run store (two in compare mode). */
const engines = new Map<LabStore, EngineClient>();

/**
 * Sends a command to the training worker of `store`, or to every running worker when no store
 * is named (the transport drives both runs of compare mode together). No-op before start.
 */
export function sendToEngine(msg: ToWorker, store?: LabStore): void {
  if (store) engines.get(store)?.send(msg);
  else for (const client of engines.values()) client.send(msg);
}

interface Pending<T> {
  store: LabStore;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}
type Restored = { runId: number; step: number };
type RestoreCommand = Omit<Extract<ToWorker, { type: 'restore' }>, 'type' | 'requestId'>;

let nextRequestId = 1;
const pendingModels = new Map<number, Pending<ModelExport>>();
const pendingRestores = new Map<number, Pending<Restored>>();
const restoreAppliers = new Map<number, (restored: Restored) => void>();

function request<T>(
  pending: Map<number, Pending<T>>,
  store: LabStore,
  msg: (requestId: number) => ToWorker,
): Promise<T> {
  const client = engines.get(store);
  if (!client) return Promise.reject(new Error('The training engine is not running.'));
  const requestId = nextRequestId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(requestId, { store, resolve, reject });
    client.send(msg(requestId));
  });
}

function settle<T>(pending: Map<number, Pending<T>>, requestId: number, reply: Reply<T>): void {
  const p = pending.get(requestId);
  if (!p) return;
  pending.delete(requestId);
  if (reply.ok) p.resolve(reply.value);
  else p.reject(new Error(reply.error));
}

/** The trained model of `store`'s worker as tfjs layers-model artifacts. */
export function requestModel(store: LabStore = useLab): Promise<ModelExport> {
  return request(pendingModels, store, (requestId) => ({ type: 'exportModel', requestId }));
}

/**
 * Replaces the worker's run by a saved one. `apply` runs inside the worker's 'restored' message,
 * before any later message of that worker: the restored run's snapshots find its view in place.
 */
export function requestRestore(
  command: RestoreCommand,
  apply: (restored: Restored) => void,
  store: LabStore = useLab,
): Promise<Restored> {
  return request(pendingRestores, store, (requestId) => {
    restoreAppliers.set(requestId, apply);
    return { type: 'restore', requestId, ...command };
  });
}

function rejectPending<T>(pending: Map<number, Pending<T>>, store: LabStore): void {
  for (const [id, p] of pending) {
    if (p.store !== store) continue;
    pending.delete(id);
    restoreAppliers.delete(id);
    p.reject(new Error('The training engine was stopped.'));
  }
}

/** Where this browser keeps its backend probe verdict, and for which browser it was taken. */
const PROBE_CACHE_KEY = 'balance-lab.backend-probe.v1';

export function cachedProbe(): ProbeReport | null {
  try {
    const raw = globalThis.localStorage?.getItem(PROBE_CACHE_KEY);
    if (!raw) return null;
    const saved = JSON.parse(raw) as { userAgent: string; report: ProbeReport };
    // A browser update can change which backend is fastest (or available): probe again then.
    return saved.userAgent === navigator.userAgent ? saved.report : null;
  } catch {
    return null;
  }
}

function saveProbe(report: ProbeReport): void {
  try {
    globalThis.localStorage?.setItem(PROBE_CACHE_KEY, JSON.stringify({ userAgent: navigator.userAgent, report }));
  } catch {
    // Storage full or disabled (private mode): the probe simply runs again next time.
  }
}

/** Per-step records reach the store at most this often: a fast GPU takes many steps per frame. */
const STEP_FLUSH_MS = 100;

/**
 * Starts the training worker and wires it to the store: messages in, parameter changes out.
 * `backends` restricts the fallback order (tests use it to make WebGPU unavailable).
 */
export function connectEngine(backends?: BackendName[], store: LabStore = useLab): () => void {
  const gate = createSnapshotGate();
  let pendingSteps: StepRecord[] = [];
  let stepTimer: ReturnType<typeof setTimeout> | null = null;
  const flushSteps = () => {
    if (stepTimer !== null) clearTimeout(stepTimer);
    stepTimer = null;
    const records = pendingSteps;
    pendingSteps = [];
    // Through the gate, like snapshots: a slider drag is not slowed by loss-chart redraws.
    if (records.length > 0) gate.offer(() => store.getState().receiveSteps(records));
  };
  const client = startEngine((msg) => {
    // Held snapshots go first: the store sees the worker's messages in the order they were sent.
    if (msg.type !== 'progress') flushSteps();
    if (msg.type !== 'snapshot' && msg.type !== 'progress') gate.flush();
    const s = store.getState();
    switch (msg.type) {
      case 'backend':
        s.setBackend(msg.report);
        if (msg.report.probe && !msg.report.probe.cached) saveProbe(msg.report.probe);
        for (const f of msg.report.fallbacks)
          s.notify({ level: 'warn', text: `${f.backend} not used: ${f.reason}. Training on ${msg.report.backend}.` });
        break;
      case 'dataset':
        // A logged run on view (store.viewed) is not the engine's: its messages wait until Reset.
        if (!s.viewed) s.receiveDataset(msg.info);
        break;
      case 'snapshot': {
        if (s.viewed) break;
        // ε as it is now, when the worker's snapshot arrives (not when a held one is applied).
        const eps = displayEps(s.params, s.dataset?.valMasks ?? []);
        gate.offer(() => store.getState().receiveSnapshot(msg.snapshot, eps));
        break;
      }
      case 'progress':
        if (msg.runId !== s.dataset?.runId) break;
        s.setLiveStep(msg.step, msg.stepMs);
        if (msg.record) {
          pendingSteps.push(msg.record);
          stepTimer ??= setTimeout(flushSteps, STEP_FLUSH_MS);
        }
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
      case 'model':
        settle(pendingModels, msg.requestId, msg.reply);
        break;
      case 'restored':
        if (msg.reply.ok) restoreAppliers.get(msg.requestId)?.(msg.reply.value);
        restoreAppliers.delete(msg.requestId);
        settle(pendingRestores, msg.requestId, msg.reply);
        break;
    }
  });
  engines.set(store, client);
  client.send({ type: 'init', params: store.getState().params, backends, probeCache: cachedProbe() });
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.params === prev.params) return;
    const changed: Partial<Params> = {};
    for (const key of paramKeys) {
      if (!UI_ONLY.has(key) && state.params[key] !== prev.params[key])
        (changed as Record<ParamKey, unknown>)[key] = state.params[key];
    }
    if (Object.keys(changed).length > 0) client.send({ type: 'setParams', params: changed });
  });
  return () => {
    unsubscribe();
    flushSteps();
    gate.flush();
    client.terminate();
    engines.delete(store);
    rejectPending(pendingModels, store);
    rejectPending(pendingRestores, store);
  };
}
