/**
 * Compare mode: a second run (B) in its own store and worker, on the same data and initial
 * weights as run A. B follows A's parameters except the few it overrides, so both runs always
 * share seed, data and model size; the transport drives both.
 */
import { create } from 'zustand';
import type { BackendName } from '../engine/protocol';
import { connectEngine, sendToEngine } from './engineBridge';
import { paramKeys, type ParamKey, type Params } from '../params/schema';
import { createLabStore, useLab, type LabStore } from './store';
import { sendUserDataTo } from './userData';
import type { CompareOverrides } from './view';

/** The store of run B while compare mode is on (React subscribes to this). */
export const useCompareRun = create<{ store: LabStore | null }>(() => ({ store: null }));

function paramsOfB(a: Params, overrides: CompareOverrides): Params {
  return { ...a, ...overrides };
}

/**
 * Keeps run B in step with the primary store's view.compare: starts B's worker when compare mode
 * turns on, forwards A's parameter changes (except B's overrides), stops B when it turns off.
 */
export function wireCompareMode(backends?: BackendName[]): () => void {
  let disconnect: (() => void) | null = null;
  const sync = (overrides: CompareOverrides | null): void => {
    const current = useCompareRun.getState().store;
    if (!overrides) {
      if (current) {
        disconnect?.();
        disconnect = null;
        useCompareRun.setState({ store: null });
      }
      return;
    }
    const a = useLab.getState();
    if (!current) {
      const b = createLabStore();
      b.getState().setParams(paramsOfB(a.params, overrides));
      disconnect = connectEngine(backends, b);
      sendUserDataTo(b);
      // Both runs start together from step 0, so they are comparable step by step.
      if (a.liveStep > 0 || a.running) {
        sendToEngine({ type: 'pause' }, useLab);
        sendToEngine({ type: 'reset' }, useLab);
      }
      useCompareRun.setState({ store: b });
      return;
    }
    current.getState().setParams(paramsOfB(a.params, overrides));
  };
  sync(useLab.getState().view.compare);
  const unsubscribe = useLab.subscribe((s, prev) => {
    if (s.view.compare !== prev.view.compare) sync(s.view.compare);
    else if (s.params !== prev.params) {
      const b = useCompareRun.getState().store;
      const overrides = s.view.compare;
      if (!b || !overrides) return;
      const changed: Partial<Params> = {};
      for (const key of paramKeys) {
        if (key in overrides || s.params[key] === prev.params[key]) continue;
        (changed as Record<ParamKey, unknown>)[key] = s.params[key];
      }
      if (Object.keys(changed).length) b.getState().setParams(changed);
    }
  });
  return () => {
    unsubscribe();
    disconnect?.();
  };
}
