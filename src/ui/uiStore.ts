import { create } from 'zustand';

interface UiState {
  helpOpen: boolean;
  shareOpen: boolean;
  importOpen: boolean;
  /** A short confirmation (“Link copied”) that disappears by itself. */
  status: string | null;
  setHelp: (open: boolean) => void;
  setShare: (open: boolean) => void;
  setImport: (open: boolean) => void;
  flash: (status: string) => void;
}

let statusTimer: ReturnType<typeof setTimeout> | undefined;

/** Transient UI state that never goes into a link: overlays, dialogs, confirmations. */
export const useUi = create<UiState>((set) => ({
  helpOpen: false,
  shareOpen: false,
  importOpen: false,
  status: null,
  setHelp: (open) => set({ helpOpen: open }),
  setShare: (open) => set({ shareOpen: open }),
  setImport: (open) => set({ importOpen: open }),
  flash: (status) => {
    clearTimeout(statusTimer);
    set({ status });
    statusTimer = setTimeout(() => set({ status: null }), 4000);
  },
}));
