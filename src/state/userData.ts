/**
 * The user's own data, held in this tab only: image/mask pairs to train on, and probability maps
 * to analyse without training. Nothing here is ever sent over the network; the pairs go to the
 * training worker with postMessage.
 */
import { create } from 'zustand';
import type { AnalysisItem, ImportedPair, ImportProblem, InputFile } from '../data/import';
import { sendToEngine } from './engineBridge';
import type { LabStore } from './store';

export type ImportKind = 'pairs' | 'analysis';

export interface ImportReport {
  kind: ImportKind;
  files: number;
  imported: number;
  problems: ImportProblem[];
  notes: string[];
}

interface UserDataState {
  /** Imported pairs at native size (accumulated over imports until cleared). */
  pairs: ImportedPair[];
  /** True while the engine trains on `pairs` instead of the synthetic scans. */
  training: boolean;
  analysis: AnalysisItem[];
  selectedAnalysis: number;
  report: ImportReport | null;
  busy: boolean;
}

export const useUserData = create<UserDataState>(() => ({
  pairs: [],
  training: false,
  analysis: [],
  selectedAnalysis: 0,
  report: null,
  busy: false,
}));

/**
 * The decoders (PNG, JPEG, zip, NIfTI, npy) load with the first import, not with the page (issue
 * 19, "A light page"); the service worker precaches them for offline use.
 */
const importLibrary = () => import('../data/import');

const label = (pairs: readonly ImportedPair[]): string =>
  `your data (${pairs.length} image${pairs.length === 1 ? '' : 's'})`;

/** Sends the pairs to one run's worker, or to every run's (compare mode trains both on them). */
function sendPairs(pairs: readonly ImportedPair[], store?: LabStore): void {
  // Copies: the store keeps its arrays, the worker gets its own.
  sendToEngine(
    {
      type: 'setData',
      data: {
        label: label(pairs),
        pairs: pairs.map((p) => ({ width: p.width, height: p.height, image: p.image.slice(), mask: p.mask.slice() })),
      },
    },
    store,
  );
}

/** A newly started worker (compare mode's run B) trains on the same data as the others. */
export function sendUserDataTo(store: LabStore): void {
  const { training, pairs } = useUserData.getState();
  if (training && pairs.length) sendPairs(pairs, store);
}

/**
 * Imports image/mask pairs and adds them to those already loaded; problems are reported per file
 * and never discard what was loaded before. Training switches to the user's data when at least
 * one pair is loaded.
 */
export async function importTrainingFiles(files: InputFile[]): Promise<ImportReport> {
  useUserData.setState({ busy: true });
  try {
    const { importPairs, decodeJpegInBrowser } = await importLibrary();
    const result = await importPairs(files, { decodeJpeg: decodeJpegInBrowser });
    const report: ImportReport = {
      kind: 'pairs',
      files: files.length,
      imported: result.pairs.length,
      problems: result.problems,
      notes: result.notes,
    };
    const pairs = [...useUserData.getState().pairs, ...result.pairs];
    useUserData.setState({ report, pairs });
    if (result.pairs.length > 0) {
      useUserData.setState({ training: true });
      sendPairs(pairs);
    }
    return report;
  } finally {
    useUserData.setState({ busy: false });
  }
}

/** Imports probability maps with their masks for the analysis view (added to those loaded). */
export async function importAnalysisFiles(files: InputFile[]): Promise<ImportReport> {
  useUserData.setState({ busy: true });
  try {
    const { importAnalysis, decodeJpegInBrowser } = await importLibrary();
    const result = await importAnalysis(files, { decodeJpeg: decodeJpegInBrowser });
    const report: ImportReport = {
      kind: 'analysis',
      files: files.length,
      imported: result.items.length,
      problems: result.problems,
      notes: result.notes,
    };
    const before = useUserData.getState().analysis;
    useUserData.setState({
      report,
      analysis: [...before, ...result.items],
      selectedAnalysis: result.items.length ? before.length : useUserData.getState().selectedAnalysis,
    });
    return report;
  } finally {
    useUserData.setState({ busy: false });
  }
}

/** Back to the synthetic scans (the imported pairs stay loaded until cleared). */
export function switchToSyntheticData(): void {
  useUserData.setState({ training: false });
  sendToEngine({ type: 'setData', data: null });
}

export function trainOnUserData(): void {
  const { pairs } = useUserData.getState();
  if (!pairs.length) return;
  useUserData.setState({ training: true });
  sendPairs(pairs);
}

export function clearUserPairs(): void {
  if (useUserData.getState().training) sendToEngine({ type: 'setData', data: null });
  useUserData.setState({ pairs: [], training: false });
}

export function clearAnalysis(): void {
  useUserData.setState({ analysis: [], selectedAnalysis: 0 });
}
