import { useDeck, type Slide } from '../../state/deck';
import { captureSlide, showSlide } from './deckActions';
import { slideSummary } from './slideSummary';

/** One slide in the deck panel: its title and note, edited in place, and its tools. */
export function SlideRow({
  slide,
  index,
  count,
  current,
}: {
  slide: Slide;
  index: number;
  count: number;
  current: boolean;
}) {
  const { update, move, remove } = useDeck.getState();
  const id = (what: string) => `deck-${what}-${index}`;
  return (
    <li className={`deck-slide ${current ? 'current' : ''}`} data-testid={`deck-slide-${index}`}>
      <span className="deck-num" aria-hidden="true">
        {index + 1}
      </span>
      <div className="deck-fields">
        <input
          value={slide.title}
          onChange={(e) => update(index, { title: e.target.value })}
          data-testid={id('slide-title')}
          aria-label={`Title of slide ${index + 1}`}
        />
        <textarea
          value={slide.note}
          rows={2}
          onChange={(e) => update(index, { note: e.target.value })}
          data-testid={id('slide-note')}
          aria-label={`Note of slide ${index + 1}`}
          placeholder="Note shown while presenting"
        />
        <small className="deck-summary" title={slide.query || '(the default view)'}>
          {slideSummary(slide)}
        </small>
      </div>
      <div className="deck-row-tools">
        <button type="button" data-testid={id('show')} onClick={() => showSlide(index)} title="Restore this view">
          Show
        </button>
        <button
          type="button"
          data-testid={id('up')}
          disabled={index === 0}
          onClick={() => move(index, -1)}
          aria-label={`Move slide ${index + 1} up`}
        >
          ↑
        </button>
        <button
          type="button"
          data-testid={id('down')}
          disabled={index === count - 1}
          onClick={() => move(index, 1)}
          aria-label={`Move slide ${index + 1} down`}
        >
          ↓
        </button>
        <button
          type="button"
          data-testid={id('recapture')}
          onClick={() => {
            const { query, highlight, focus } = captureSlide(slide.title, slide.note);
            update(index, { query, highlight, focus });
          }}
          title="Replace this slide's view by the current one (title and note stay)"
        >
          Use current view
        </button>
        <button type="button" data-testid={id('delete')} onClick={() => remove(index)} className="deck-delete">
          Delete
        </button>
      </div>
    </li>
  );
}
