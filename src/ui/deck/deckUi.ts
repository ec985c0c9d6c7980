import { create } from 'zustand';

interface DeckUi {
  /** The deck panel is shown (toolbar “Deck”). */
  open: boolean;
  /** The last file, link or scenario action's outcome, shown in the panel. */
  status: string | null;
  /** The last deck link made, shown to copy by hand. */
  link: string | null;
  setOpen: (open: boolean) => void;
  say: (status: string | null, link?: string | null) => void;
}

/** Transient state of the deck panel; the deck itself is in state/deck.ts. */
export const useDeckUi = create<DeckUi>((set) => ({
  open: false,
  status: null,
  link: null,
  setOpen: (open) => set({ open }),
  say: (status, link = null) => set({ status, link }),
}));
