import { create } from 'zustand';

/** Transient UI state that never goes into a link: overlays and dialogs. */
export const useUi = create<{ helpOpen: boolean; shareOpen: boolean; importOpen: boolean; setHelp: (open: boolean) => void; setShare: (open: boolean) => void; setImport: (open: boolean) => void }>((set) => ({
  importOpen: false,
  setImport: (open) => set({ importOpen: open }),
  helpOpen: false,
  shareOpen: false,
  setHelp: (open) => set({ helpOpen: open }),
  setShare: (open) => set({ shareOpen: open }),
}));
