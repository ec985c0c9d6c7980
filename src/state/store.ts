import { create } from 'zustand';
import type { BackendReport, DatasetInfo, Notice, Snapshot, StepRecord } from '../engine/protocol';
import type { HistoryEntry, TermId } from './historyTypes';
import { appendHistory, appendSteps } from './history';
import { DEFAULT_VIEW, type ViewState } from './view';
import { DEFAULT_PARAMS, type ParamKey, type Params } from '../params/schema';

/** A saved run put back in view (src/export/runFile.ts reads it from a file). */
export interface RestoredRun {
  params: Params;
  dataset: DatasetInfo;
  history: HistoryEntry[];
  steps: StepRecord[];
  snapshot: Snapshot | null;
  liveStep: number;
  selectedImage?: number | null;
}

/**
 * A run logged elsewhere and opened for viewing (src/export/logFile.ts): no engine behind it, so
 * Train and Step stay off; Reset leaves it for a new lab run.
 */
export interface ViewedRun {
  name: string;
  fileName: string;
  writer: string;
  /** Each logged image's rows and columns (dataset.size holds the width). */
  height: number;
  width: number;
  hasImages: boolean;
  /** Whether the log gave stages: the stage panel shows only then. */
  stagesLogged: boolean;
}

export interface NoticeItem extends Notice {
  id: number;
}

/** One run's state: its parameters, what its engine last said, and view selections (see createLabStore). */
export interface LabState {
  params: Params;
  running: boolean;
  /** Steps done, from the per-step progress messages (snapshots may come less often). */
  liveStep: number;
  /** Wall time of the last training step in the worker (ms), for the backend badge. */
  stepMs: number | null;
  backend: BackendReport | null;
  dataset: DatasetInfo | null;
  snapshot: Snapshot | null;
  history: HistoryEntry[];
  steps: StepRecord[];
  notices: NoticeItem[];
  /** Validation image shown in the Fig. 2 panels; null means the whole training batch. */
  selectedImage: number | null;
  highlight: TermId | null;
  /** The logged run on view, or null for the engine's own run. */
  viewed: ViewedRun | null;
  /** View state (primary store only; round-trips through the URL with the parameters). */
  view: ViewState;
  /** The run and step last written to a run file or read from one (null: nothing saved yet). */
  saved: { runId: number; step: number } | null;
  /** Records that the run `runId` is on disk up to `step` (Save run). */
  markSaved: (runId: number, step: number) => void;
  setView: (view: Partial<ViewState>) => void;
  setParam: <K extends ParamKey>(key: K, value: Params[K]) => void;
  setParams: (params: Partial<Params>) => void;
  notify: (notice: Notice) => void;
  dismiss: (id: number) => void;
  selectImage: (index: number | null) => void;
  setHighlight: (term: TermId | null) => void;
  receiveSnapshot: (snapshot: Snapshot, eps: number) => void;
  receiveDataset: (info: DatasetInfo) => void;
  setBackend: (report: BackendReport) => void;
  setRunning: (running: boolean) => void;
  setLiveStep: (step: number, stepMs?: number) => void;
  /** Per-step records from progress messages: the loss chart gets every step before its snapshot. */
  receiveSteps: (records: readonly StepRecord[]) => void;
  /** Replaces parameters, data, curves and the last snapshot by a saved run's. */
  restoreRun: (run: RestoredRun) => void;
  /** Shows a logged run in place of the engine's (which keeps running in the background, paused). */
  viewRun: (run: RestoredRun, viewed: ViewedRun) => void;
  /** Back to the engine's run: the caller resets the engine, whose new dataset replaces the view. */
  leaveView: () => void;
}

let nextNoticeId = 1;

/**
 * One store per run. The app has one; compare mode adds a second for run B, and the panels of a
 * run read whichever store their RunContext provides.
 */
export const createLabStore = () =>
  create<LabState>((set) => ({
    params: DEFAULT_PARAMS,
    running: false,
    liveStep: 0,
    stepMs: null,
    backend: null,
    dataset: null,
    snapshot: null,
    history: [],
    steps: [],
    notices: [],
    selectedImage: 0,
    highlight: null,
    viewed: null,
    view: DEFAULT_VIEW,
    saved: null,
    markSaved: (runId, step) => set({ saved: { runId, step } }),
    setView: (view) => set((s) => ({ view: { ...s.view, ...view } })),
    setParam: (key, value) => set((s) => ({ params: { ...s.params, [key]: value } })),
    setParams: (params) => set((s) => ({ params: { ...s.params, ...params } })),
    notify: (notice) => set((s) => ({ notices: [...s.notices.slice(-4), { ...notice, id: nextNoticeId++ }] })),
    dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    selectImage: (index) => set({ selectedImage: index }),
    setHighlight: (term) => set({ highlight: term }),
    receiveSnapshot: (snapshot, eps) =>
      set((s) => {
        // A snapshot of a newer run starts fresh curves.
        const fresh = s.snapshot !== null && s.snapshot.runId !== snapshot.runId;
        return {
          snapshot,
          liveStep: snapshot.step,
          history: appendHistory(fresh ? [] : s.history, snapshot, eps),
          steps: appendSteps(fresh ? [] : s.steps, snapshot.steps),
        };
      }),
    receiveDataset: (info) =>
      set((s) => ({
        viewed: null,
        dataset: info,
        history: [],
        steps: [],
        snapshot: null,
        liveStep: 0,
        stepMs: null,
        selectedImage: s.selectedImage !== null && s.selectedImage < info.nVal ? s.selectedImage : 0,
      })),
    setBackend: (report) => set({ backend: report }),
    setRunning: (running) => set({ running }),
    setLiveStep: (step, stepMs) => set(stepMs === undefined ? { liveStep: step } : { liveStep: step, stepMs }),
    receiveSteps: (records) => set((s) => ({ steps: appendSteps(s.steps, records) })),
    restoreRun: (run) =>
      set((s) => {
        const selected = run.selectedImage === undefined ? s.selectedImage : run.selectedImage;
        return {
          viewed: null,
          params: run.params,
          dataset: run.dataset,
          history: run.history,
          steps: run.steps,
          snapshot: run.snapshot,
          liveStep: run.liveStep,
          // A run read from a file is on disk up to the step it was saved at.
          saved: { runId: run.dataset.runId, step: run.liveStep },
          selectedImage: selected !== null && selected >= run.dataset.nVal ? 0 : selected,
        };
      }),
    viewRun: (run, viewed) =>
      set({
        viewed,
        running: false,
        stepMs: null,
        params: run.params,
        dataset: run.dataset,
        history: run.history,
        steps: run.steps,
        snapshot: run.snapshot,
        liveStep: run.liveStep,
        selectedImage: 0,
      }),
    leaveView: () => set({ viewed: null }),
  }));

/**
 * Steps of the shown run that no run file holds: all of them unless the last save (or the file it
 * was opened from) belongs to this run. "Reload to update" asks before dropping them.
 */
export function unsavedSteps(s: Pick<LabState, 'saved' | 'dataset' | 'liveStep'>): number {
  const savedStep = s.saved !== null && s.dataset !== null && s.saved.runId === s.dataset.runId ? s.saved.step : 0;
  return Math.max(0, s.liveStep - savedStep);
}

/** The primary run's store: parameters of the controls, the URL and run A. */
export const useLab = createLabStore();
export type LabStore = typeof useLab;
