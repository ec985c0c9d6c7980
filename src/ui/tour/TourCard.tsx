/** The tour's card: progress dots, the step's title and text, and Skip/Back/Next. */
import type { JSX, ReactNode, RefObject } from 'react';
import type { Layout } from './tourLayout';
import { tourSteps, type TourStep } from './tourSteps';
import { useTour } from './tourStore';

/** `_{…}` → subscript, `^{…}` → superscript. */
function rich(text: string): ReactNode[] {
  return text.split(/([_^]\{[^}]*\})/).map((part, i) => {
    const m = /^([_^])\{([^}]*)\}$/.exec(part);
    if (!m) return part;
    return m[1] === '_' ? <sub key={i}>{m[2]}</sub> : <sup key={i}>{m[2]}</sup>;
  });
}

interface TourCardProps {
  step: TourStep;
  index: number;
  /** The last layout measured (possibly of the previous step): the card stays put until the new one is. */
  layout: Layout | null;
  /** The step's targets are not on the page. */
  missing: boolean;
  titleId: string;
  cardRef: RefObject<HTMLDivElement | null>;
  nextRef: RefObject<HTMLButtonElement | null>;
}

export function TourCard({ step, index, layout, missing, titleId, cardRef, nextRef }: TourCardProps): JSX.Element {
  return (
    <div
      ref={cardRef}
      className="tour-card"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      data-testid="tour-card"
      data-step={step.id}
      data-placement={layout?.placement ?? 'center'}
      style={
        layout
          ? { left: layout.card.left, top: layout.card.top }
          : { left: '50%', top: '50%', transform: 'translate(-50%, -50%)', visibility: 'hidden' }
      }
    >
      <TourProgress index={index} />
      <h2 id={titleId}>{rich(step.title)}</h2>
      <p className="tour-text">{rich(step.text)}</p>
      {missing ? (
        <p className="tour-missing" data-testid="tour-missing">
          <strong>Not on the page right now.</strong> This step points at{' '}
          {rich(step.missing ?? 'a panel that is not shown.')}
        </p>
      ) : null}
      <TourActions index={index} nextRef={nextRef} />
      <p className="tour-keys">Esc skips · ← → navigate</p>
    </div>
  );
}

/** "Step k of N" and one dot per step that jumps to it. */
function TourProgress({ index }: { index: number }): JSX.Element {
  const goTo = useTour((s) => s.goTo);
  return (
    <div className="tour-progress">
      <span data-testid="tour-progress">
        Step {index + 1} of {tourSteps.length}
      </span>
      <span className="tour-dots">
        {tourSteps.map((s, i) => (
          <button
            key={s.id}
            type="button"
            className={`tour-dot ${i === index ? 'current' : i < index ? 'done' : ''}`}
            aria-label={`Go to step ${i + 1}: ${s.title.replace(/[_^]\{([^}]*)\}/g, '$1')}`}
            aria-current={i === index ? 'step' : undefined}
            title={`${i + 1}. ${s.title.replace(/[_^]\{([^}]*)\}/g, '$1')}`}
            onClick={() => goTo(i)}
          />
        ))}
      </span>
    </div>
  );
}

function TourActions({ index, nextRef }: { index: number; nextRef: RefObject<HTMLButtonElement | null> }) {
  const next = useTour((s) => s.next);
  const back = useTour((s) => s.back);
  const skip = useTour((s) => s.skip);
  const last = index === tourSteps.length - 1;
  return (
    <div className="tour-actions">
      <button
        type="button"
        className="tour-skip"
        data-testid="tour-skip"
        onClick={skip}
        title="Close the tour; “Resume tour” continues here (Esc)"
      >
        Skip tour
      </button>
      <span className="tour-spacer" />
      <button type="button" data-testid="tour-back" disabled={index === 0} onClick={back} title="Previous step (←)">
        Back
      </button>
      <button
        type="button"
        ref={nextRef}
        className="primary"
        data-testid="tour-next"
        onClick={next}
        title={last ? 'Finish the tour' : 'Next step (→)'}
      >
        {last ? 'Finish' : 'Next'}
      </button>
    </div>
  );
}
