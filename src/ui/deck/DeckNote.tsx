/** The slide on screen: its number, title and note, in the scenario card's place, with ‹ › to step. */
import { useDeck } from '../../state/deck';
import { SCENARIOS } from '../../state/scenarios';
import { useLab } from '../../state/store';
import { stepSlide } from './deckActions';
import { useDeckUi } from './deckUi';
import './deck.css';

export function DeckNote() {
  const slides = useDeck((s) => s.slides);
  const current = useDeck((s) => s.current);
  const setCurrent = useDeck((s) => s.setCurrent);
  const scenarioId = useLab((s) => s.view.scenario);
  const slide = current === null ? undefined : slides[current];
  if (!slide || current === null) return null;
  // A slide of a scenario outlines the panels the scenario points at, as the scenario card does.
  const look = SCENARIOS.find((s) => s.id === scenarioId)?.look ?? [];
  return (
    <div className="scenario-narrative deck-note" data-testid="deck-note" role="note">
      {look.length ? (
        <style>{`${look.map((t) => `[data-testid="${t}"]`).join(',\n')} { outline: 3px solid var(--look); outline-offset: 2px; }`}</style>
      ) : null}
      <div>
        <strong>
          <span className="deck-count" data-testid="deck-note-count">
            {current + 1} / {slides.length}
          </span>{' '}
          {slide.title}
        </strong>
        {slide.note ? <p data-testid="deck-note-text">{slide.note}</p> : null}
      </div>
      <div className="deck-note-tools">
        <button
          type="button"
          data-testid="deck-prev"
          disabled={current === 0}
          onClick={() => stepSlide(-1)}
          aria-label="Previous slide (← or PageUp while presenting)"
        >
          ‹
        </button>
        <button
          type="button"
          data-testid="deck-next"
          disabled={current === slides.length - 1}
          onClick={() => stepSlide(1)}
          aria-label="Next slide (→ or PageDown while presenting)"
        >
          ›
        </button>
        <button type="button" aria-label="Close the slide's note" onClick={() => setCurrent(null)}>
          ×
        </button>
      </div>
    </div>
  );
}

/** “Your deck (n)” at the end of the scenario bar: opens the deck panel. */
export function DeckButton() {
  const count = useDeck((s) => s.slides.length);
  const open = useDeckUi((s) => s.open);
  const setOpen = useDeckUi((s) => s.setOpen);
  return (
    <button
      type="button"
      data-testid="btn-deck"
      className={`deck-button ${open ? 'active' : ''}`}
      aria-pressed={open}
      onClick={() => setOpen(!open)}
      title="Your own sequence of views, each with a note, to present, save or share"
    >
      Your deck{count ? ` (${count})` : ''}
    </button>
  );
}
