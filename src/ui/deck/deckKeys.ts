/**
 * The deck's keys. In presentation mode with a deck, → and PageDown show the next slide, ← and
 * PageUp the previous one (clickers send PageUp/PageDown). Outside presentation mode, or without
 * a deck, → stays "one training step" and PageUp/PageDown scroll. A focused slider keeps its arrow
 * keys, but PageUp/PageDown always step slides: a clicker must work wherever focus was left.
 */
import { useDeck } from '../../state/deck';
import { useLab } from '../../state/store';
import { stepSlide } from './deckActions';

const NEXT = new Set(['ArrowRight', 'PageDown']);
const PREVIOUS = new Set(['ArrowLeft', 'PageUp']);

/** True when the key stepped the deck (the caller then prevents its default). */
export function handleDeckKey(e: KeyboardEvent, onSlider: boolean): boolean {
  if (!useLab.getState().view.presentation || useDeck.getState().slides.length === 0) return false;
  const forward = NEXT.has(e.key);
  if (!forward && !PREVIOUS.has(e.key)) return false;
  if (onSlider && e.key.startsWith('Arrow')) return false;
  stepSlide(forward ? 1 : -1);
  return true;
}
