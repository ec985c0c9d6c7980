import { create } from 'zustand';

interface UiState {
  helpOpen: boolean;
  shareOpen: boolean;
  importOpen: boolean;
  /** The slider dock is expanded (phones and presentation; src/ui/dock). */
  dockOpen: boolean;
  /** A short confirmation (“Link copied”) that disappears by itself. */
  status: string | null;
  setHelp: (open: boolean) => void;
  setShare: (open: boolean) => void;
  setImport: (open: boolean) => void;
  setDockOpen: (open: boolean) => void;
  flash: (status: string) => void;
}

let statusTimer: ReturnType<typeof setTimeout> | undefined;

/** Transient UI state that never goes into a link: overlays, dialogs, confirmations. */
export const useUi = create<UiState>((set) => ({
  helpOpen: false,
  shareOpen: false,
  importOpen: false,
  dockOpen: true,
  status: null,
  setHelp: (open) => set({ helpOpen: open }),
  setShare: (open) => set({ shareOpen: open }),
  setImport: (open) => set({ importOpen: open }),
  setDockOpen: (open) => set({ dockOpen: open }),
  flash: (status) => {
    clearTimeout(statusTimer);
    set({ status });
    statusTimer = setTimeout(() => set({ status: null }), 4000);
  },
}));
