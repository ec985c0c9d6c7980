/**
 * The deck panel: add the current view as a slide, edit and reorder the slides, present them,
 * and move the deck through a file or a link. Shown from the scenario bar's “Your deck”.
 */
import { useRef, useState } from 'react';
import { useDeck } from '../../state/deck';
import { useLab } from '../../state/store';
import {
  captureSlide,
  copyDeckLink,
  defaultTitle,
  openDeckFile,
  presentDeck,
  saveDeckFile,
  startFromScenarios,
} from './deckActions';
import { useDeckUi } from './deckUi';
import { SlideRow } from './SlideRow';
import './deck.css';
import { ShareUrl } from '../ShareUrl';

export function DeckSection() {
  const open = useDeckUi((s) => s.open);
  const presenting = useLab((s) => s.view.presentation);
  if (!open || presenting) return null;
  return <DeckPanel />;
}

function DeckPanel() {
  const slides = useDeck((s) => s.slides);
  const current = useDeck((s) => s.current);
  const setOpen = useDeckUi((s) => s.setOpen);
  return (
    <section className="deck-section" data-testid="deck-panel" aria-label="Your deck">
      <h1 className="section-title">
        Your deck{' '}
        <small>
          {slides.length} {slides.length === 1 ? 'slide' : 'slides'} · kept in this browser · in presentation mode ←/→
          and PageUp/PageDown step through them
        </small>
        <button type="button" className="section-close" aria-label="Close the deck" onClick={() => setOpen(false)}>
          ×
        </button>
      </h1>
      <AddSlide count={slides.length} />
      {slides.length === 0 ? (
        <p className="hint">
          No slides yet: set up a view and add it, or start from the five scenarios. Each slide keeps every parameter,
          the view, the highlighted term and the panel at the top of the screen.
        </p>
      ) : (
        <ol className="deck-slides">
          {slides.map((slide, i) => (
            <SlideRow key={slide.id} slide={slide} index={i} count={slides.length} current={current === i} />
          ))}
        </ol>
      )}
      <DeckActions count={slides.length} />
    </section>
  );
}

/** “Add this view”, with the slide's title and note. */
function AddSlide({ count }: { count: number }) {
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const add = useDeck((s) => s.add);
  // The placeholder says what an unnamed slide will be called (re-read on each render).
  const placeholder = useLab(() => defaultTitle());
  return (
    <form
      className="deck-add"
      onSubmit={(e) => {
        e.preventDefault();
        add(captureSlide(title, note));
        setTitle('');
        setNote('');
      }}
    >
      <input
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        placeholder={placeholder}
        aria-label="Title of the new slide"
        data-testid="deck-new-title"
      />
      <textarea
        value={note}
        onChange={(e) => setNote(e.target.value)}
        rows={2}
        placeholder="A note for the room: shown in the card while this slide is on"
        aria-label="Note of the new slide"
        data-testid="deck-new-note"
      />
      <button
        type="submit"
        className="primary"
        data-testid="deck-add"
        title={`Add the current view as slide ${count + 1}`}
      >
        Add this view
      </button>
    </form>
  );
}

/** Present, save, open, link; start from the scenarios; undo a replacement. */
function DeckActions({ count }: { count: number }) {
  const input = useRef<HTMLInputElement>(null);
  const previous = useDeck((s) => s.previous);
  const restorePrevious = useDeck((s) => s.restorePrevious);
  const status = useDeckUi((s) => s.status);
  const link = useDeckUi((s) => s.link);
  return (
    <>
      <div className="deck-actions">
        <button
          type="button"
          className="primary"
          data-testid="deck-present"
          disabled={count === 0}
          onClick={presentDeck}
        >
          Present the deck
        </button>
        <button type="button" data-testid="deck-save" disabled={count === 0} onClick={saveDeckFile}>
          Save file
        </button>
        <button type="button" data-testid="deck-open-button" onClick={() => input.current?.click()}>
          Open file…
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          data-testid="deck-open"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openDeckFile(file);
          }}
        />
        <button type="button" data-testid="deck-link" disabled={count === 0} onClick={() => void copyDeckLink()}>
          Copy link
        </button>
        <button
          type="button"
          data-testid="deck-scenarios"
          onClick={startFromScenarios}
          title="Replace this deck by the five built-in scenarios, each with its narrative as the note"
        >
          Start from the five scenarios
        </button>
        {previous ? (
          <button type="button" data-testid="deck-restore" onClick={restorePrevious}>
            Back to the previous deck ({previous.length})
          </button>
        ) : null}
      </div>
      {status ? (
        <p className="deck-status" role="status" data-testid="deck-status">
          {status}
        </p>
      ) : null}
      {link ? <ShareUrl value={link} testId="deck-link-url" /> : null}
    </>
  );
}
