/**
 * The presenter's deck: an ordered list of saved views (slides), each with a title and a note.
 * A slide holds the view's link (the URL query, the same codec as "copy link") plus what a link
 * does not carry but a talk needs: the highlighted term and the panel at the top of the screen.
 * deckStorage.ts keeps it in localStorage so a reload keeps it; deckCodec.ts writes files and links.
 */
import { create } from 'zustand';
import type { TermId } from './historyTypes';

export interface SlideFocus {
  /** data-testid of the panel that was at the top of the screen. */
  testId: string;
  /** Which element of that id (compare mode's columns repeat panels). */
  nth: number;
}

export interface Slide {
  /** Stable key for lists (not saved in files or links). */
  id: string;
  title: string;
  note: string;
  /** The view's query string ('' or '?…'), without presentation mode: the room decides that. */
  query: string;
  highlight: TermId | null;
  focus: SlideFocus | null;
}

/** What a slide is made of, before it gets its list key. */
export type SlideContent = Omit<Slide, 'id'>;

interface DeckState {
  slides: Slide[];
  /** The slide shown last (its note is on screen); null when none is. */
  current: number | null;
  /** The deck that a file, a link or the scenarios replaced, for one undo. */
  previous: Slide[] | null;
  add: (slide: SlideContent) => void;
  update: (index: number, patch: Partial<SlideContent>) => void;
  /** Moves slide `index` by `delta` places (−1 up, +1 down). */
  move: (index: number, delta: number) => void;
  remove: (index: number) => void;
  /** Replaces the deck, keeping the old one as `previous` unless it was empty. */
  replace: (slides: readonly SlideContent[]) => void;
  restorePrevious: () => void;
  setCurrent: (index: number | null) => void;
}

let nextId = 1;
export const withId = (s: SlideContent): Slide => ({ ...s, id: `s${nextId++}` });

export const useDeck = create<DeckState>((set) => ({
  slides: [],
  current: null,
  previous: null,
  add: (slide) => set((s) => ({ slides: [...s.slides, withId(slide)] })),
  update: (index, patch) =>
    set((s) => ({ slides: s.slides.map((slide, i) => (i === index ? { ...slide, ...patch } : slide)) })),
  move: (index, delta) =>
    set((s) => {
      const to = index + delta;
      if (to < 0 || to >= s.slides.length || index < 0 || index >= s.slides.length) return s;
      const slides = [...s.slides];
      const [moved] = slides.splice(index, 1);
      slides.splice(to, 0, moved);
      // The slide on screen stays the one on screen, wherever it moves.
      const current = s.current === index ? to : s.current === to ? index : s.current;
      return { slides, current };
    }),
  remove: (index) =>
    set((s) => ({
      slides: s.slides.filter((_, i) => i !== index),
      current: s.current === null || s.current === index ? null : s.current > index ? s.current - 1 : s.current,
    })),
  replace: (slides) =>
    set((s) => ({
      slides: slides.map(withId),
      current: null,
      previous: s.slides.length ? s.slides : s.previous,
    })),
  restorePrevious: () =>
    set((s) => (s.previous ? { slides: s.previous, previous: s.slides.length ? s.slides : null, current: null } : s)),
  setCurrent: (index) => set({ current: index }),
}));
