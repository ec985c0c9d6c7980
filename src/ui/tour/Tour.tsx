/**
 * The guided tour: a spotlight that dims the page except the step's target panel, and a card
 * next to it with the step's text. Purely an overlay (pointer-events pass through the dimming),
 * so the panel and the slider a step talks about stay usable while it is open. The parts:
 * tourGeometry.ts (boxes and card placement), tourLayout.ts (measuring and scrolling the page),
 * tourHooks.ts (page state, keys, per-frame layout), TourSpotlight.tsx and TourCard.tsx.
 */
import { useEffect, useId, useRef, type JSX } from 'react';
import './tour.css';
import { drawEveryPanel } from '../../panels/kit/onScreen';
import { TourCard } from './TourCard';
import { useTourKeys, useTourLayout, useTourOpenPage } from './tourHooks';
import { dropQueuedScroll, scrollToStep } from './tourLayout';
import { tourSteps } from './tourSteps';
import { TourSpotlight } from './TourSpotlight';
import { useTour } from './tourStore';

function TourOverlay(): JSX.Element {
  const index = useTour((s) => s.index);
  const step = tourSteps[index];
  const cardRef = useRef<HTMLDivElement | null>(null);
  const nextRef = useRef<HTMLButtonElement | null>(null);
  const titleId = `tour-title-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  useTourOpenPage();
  useTourKeys();
  // The steps point at panels anywhere on the page: those not yet drawn draw now.
  useEffect(drawEveryPanel, []);
  // Each step: bring its panel into view and put the keyboard on Next.
  useEffect(() => {
    scrollToStep(step, cardRef.current);
    nextRef.current?.focus({ preventScroll: true });
    return dropQueuedScroll;
  }, [step]);
  const layout = useTourLayout(step, cardRef);

  const current = layout?.stepId === step.id ? layout : null;
  const missing = current !== null && step.targets.length > 0 && current.spot === null;
  // A target that was missing (a section still loading, a panel hidden) and comes back is brought
  // into view then, as it would have been on entering the step.
  const wasMissing = useRef(false);
  useEffect(() => {
    if (wasMissing.current && !missing && current?.spot) scrollToStep(step, cardRef.current);
    wasMissing.current = missing;
  }, [missing, current?.spot, step]);
  return (
    <div className="tour-root">
      <TourSpotlight current={current} />
      <TourCard
        step={step}
        index={index}
        layout={layout}
        missing={missing}
        titleId={titleId}
        cardRef={cardRef}
        nextRef={nextRef}
      />
    </div>
  );
}

/** The tour overlay, when the tour is open. */
export function Tour(): JSX.Element | null {
  const active = useTour((s) => s.active);
  return active ? <TourOverlay /> : null;
}

/** Header button: "Tour", or "Tour k/N" (resume) when an unfinished tour is saved; short, so the header stays one row. */
export function TourButton(): JSX.Element {
  const saved = useTour((s) => s.saved);
  const start = useTour((s) => s.start);
  const label = saved !== null ? `Tour ${saved + 1}/${tourSteps.length}` : 'Tour';
  const title =
    saved !== null
      ? `Resume the guided tour at step ${saved + 1} of ${tourSteps.length}`
      : 'A guided tour of Fig. 1–2, Eq. 9–12 and Algorithm 1';
  return (
    <button type="button" className="tour-button" data-testid="btn-tour" onClick={start} title={title}>
      {label}
    </button>
  );
}
