/** Keeps the deck (and the one it last replaced) in localStorage, so a reload keeps it. */
import { useDeck, withId, type Slide, type SlideContent } from './deck';
import { deckDocument, slidesFrom } from './deckCodec';

export const DECK_STORAGE_KEY = 'balance-lab.deck.v1';

const contents = (slides: readonly Slide[]): SlideContent[] => deckDocument(slides).slides;

/** Loads the saved deck, then saves every change. Full or disabled storage leaves the deck in this tab. */
export function wireDeckStorage(): () => void {
  try {
    const raw = globalThis.localStorage?.getItem(DECK_STORAGE_KEY);
    if (raw) {
      const saved = JSON.parse(raw) as { slides?: unknown; previous?: unknown };
      const slides = slidesFrom(saved.slides).slides.map(withId);
      const previous = Array.isArray(saved.previous) ? slidesFrom(saved.previous).slides.map(withId) : null;
      useDeck.setState({ slides, previous: previous?.length ? previous : null });
    }
  } catch {
    // A damaged entry is dropped; the next change overwrites it.
  }
  return useDeck.subscribe((s, prev) => {
    if (s.slides === prev.slides && s.previous === prev.previous) return;
    try {
      const saved = { ...deckDocument(s.slides), previous: s.previous ? contents(s.previous) : undefined };
      globalThis.localStorage?.setItem(DECK_STORAGE_KEY, JSON.stringify(saved));
    } catch {
      // Storage full or disabled: the deck lives in this tab until it is saved as a file.
    }
  });
}
