import { create } from 'zustand';
import { tourSteps } from './tourSteps';

/** localStorage key of the saved tour position: `{"index": k}` (0-based) while a tour is unfinished. */
export const TOUR_STORAGE_KEY = 'balance-lab-tour';

export interface TourState {
  /** The overlay is shown. */
  active: boolean;
  /** Current step, 0-based. */
  index: number;
  /** Position to resume at (what localStorage holds), or null when there is nothing to resume. */
  saved: number | null;
  /** Opens the tour at the saved position, or at the first step. */
  start: () => void;
  /** Opens the tour at the first step, forgetting any saved position. */
  restart: () => void;
  /** Opens the tour at step `index` (clamped). */
  goTo: (index: number) => void;
  /** The next step; past the last one the tour is finished. */
  next: () => void;
  back: () => void;
  /** Closes the tour and keeps the position for "Resume tour" (nothing is kept on the first step). */
  skip: () => void;
  /** Closes the tour for good and clears the saved position. */
  finish: () => void;
}

const count = tourSteps.length;
const validIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < count;

function readSaved(): number | null {
  try {
    const raw = globalThis.localStorage?.getItem(TOUR_STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    const index = typeof parsed === 'object' && parsed !== null ? (parsed as { index?: unknown }).index : undefined;
    return validIndex(index) ? index : null;
  } catch {
    return null;
  }
}

/** Storage can be unavailable (private modes, quotas): the tour then simply does not persist. */
function writeSaved(index: number | null): void {
  try {
    if (index === null) globalThis.localStorage?.removeItem(TOUR_STORAGE_KEY);
    else globalThis.localStorage?.setItem(TOUR_STORAGE_KEY, JSON.stringify({ index }));
  } catch {
    /* not persisted */
  }
}

export const useTour = create<TourState>((set, get) => {
  const goTo = (index: number) => {
    const i = Math.min(count - 1, Math.max(0, index));
    writeSaved(i);
    set({ active: true, index: i, saved: i });
  };
  const initial = readSaved();
  return {
    active: false,
    index: initial ?? 0,
    saved: initial,
    start: () => goTo(get().saved ?? 0),
    restart: () => goTo(0),
    goTo,
    next: () => {
      const { index } = get();
      if (index >= count - 1) get().finish();
      else goTo(index + 1);
    },
    back: () => goTo(get().index - 1),
    skip: () => {
      const { index } = get();
      const keep = index > 0 ? index : null;
      writeSaved(keep);
      set({ active: false, saved: keep });
    },
    finish: () => {
      writeSaved(null);
      set({ active: false, index: 0, saved: null });
    },
  };
});
