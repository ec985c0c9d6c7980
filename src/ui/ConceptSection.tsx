import { memo, useMemo } from 'react';
import { decomposeAt, thresholdIndex } from '../core/thresholdIndex';
import type { LossId } from '../core/lossInfo';
import type { SwitchRule } from '../core/stageCheck';
import { displayEps } from '../engine/displayEps';
import { conceptPredictions } from '../panels/conceptData';
import { Equations } from '../panels/Equations';
import { MainBiasBars } from '../panels/MainBiasBars';
import { SortedPredictions } from '../panels/SortedPredictions';
import { GradientShares } from '../panels/GradientShares';
import { useHeld, useOnScreen, WhileOnScreen } from '../panels/kit/onScreen';
import type { TermId } from '../panels/types';
import { effectiveEps, type Params } from '../params/schema';
import { useLab } from '../state/store';
import { useGradientShares } from './useGradientShares';

/** What the explorer draws from: the sliders it follows, and the term hovered anywhere. */
interface ConceptInputs {
  ratio: number;
  quality: number;
  t: number;
  eps: number;
  epsMode: Params['epsMode'];
  tHard: number;
  a: number;
  loss: LossId;
  switchRule: SwitchRule;
  highlight: TermId | null;
  setHighlight: (term: TermId | null) => void;
}

/** A slider's value; while the section is off screen, the one it last drew with. */
function useSlider<K extends 't' | 'eps' | 'tHard' | 'a' | 'conceptRatio' | 'conceptQuality'>(key: K, live: boolean) {
  return useHeld(
    useLab((s) => s.params[key]),
    live,
  );
}

/**
 * The concept explorer: parametric predictions, no model and no GPU, so it is drawn the moment
 * the page loads and answers every slider instantly. Off screen it holds the slider values it
 * last drew, so an input costs it nothing, and catches up when it scrolls back (issue 19).
 */
export function ConceptSection() {
  const [sectionRef, live] = useOnScreen<HTMLElement>();
  const inputs: ConceptInputs = {
    ratio: useSlider('conceptRatio', live),
    quality: useSlider('conceptQuality', live),
    t: useSlider('t', live),
    eps: useSlider('eps', live),
    epsMode: useLab((s) => s.params.epsMode),
    tHard: useSlider('tHard', live),
    a: useSlider('a', live),
    loss: useLab((s) => s.params.loss),
    switchRule: useLab((s) => s.params.switchRule),
    highlight: useLab((s) => s.highlight),
    setHighlight: useLab((s) => s.setHighlight),
  };
  return (
    <section className="section" data-testid="concept-explorer" ref={sectionRef}>
      <ConceptPanels {...inputs} />
    </section>
  );
}

/** Memoised: re-renders only when a value it draws from changes. */
const ConceptPanels = memo(function ConceptPanels(props: ConceptInputs) {
  const { ratio, quality, t, eps, epsMode, tHard, a, loss, switchRule, highlight, setHighlight } = props;
  const data = useMemo(() => conceptPredictions({ ratio, quality }), [ratio, quality]);
  // One sort per data set; then each t costs two binary searches (src/core/thresholdIndex.ts).
  const index = useMemo(() => thresholdIndex(data.p, data.y), [data]);
  const shownEps = useMemo(() => displayEps({ eps, epsMode }, data.y), [eps, epsMode, data]);
  const d = useMemo(() => decomposeAt(index, t, shownEps), [index, t, shownEps]);
  const lossEps = effectiveEps({ eps, epsMode });
  const gradInput = useMemo(() => ({ p: data.p, y: data.y, n: 1 }), [data]);
  const grad = useGradientShares(gradInput, t, { tHard, eps: lossEps, a });
  return (
    <>
      <h1 className="section-title">
        Concept explorer{' '}
        <small>
          f = {d.f} foreground, b = {d.b} background pixels · no training needed
        </small>
      </h1>
      <div className="grid concept-grid">
        <WhileOnScreen values={[d, t, shownEps] as const}>
          {([d, t, shownEps]) => (
            <SortedPredictions
              p={data.p}
              y={data.y}
              t={t}
              eps={shownEps}
              decomposition={d}
              side="fp"
              xScale="linear"
              title="Fig. 2 · background predictions, sorted"
              testId="concept-sorted"
              highlight={highlight}
              onHover={setHighlight}
            />
          )}
        </WhileOnScreen>
        <WhileOnScreen values={[d] as const}>
          {([d]) => <MainBiasBars d={d} highlight={highlight} onHover={setHighlight} />}
        </WhileOnScreen>
        {grad ? (
          <WhileOnScreen values={[grad, d, t] as const}>
            {([grad, d, t]) => (
              <GradientShares
                shares={grad.shares}
                counts={grad.counts}
                trained={loss}
                t={t}
                subject={`the concept data (f = ${d.f}, b = ${d.b.toLocaleString()})`}
                testId="concept-gradient"
              />
            )}
          </WhileOnScreen>
        ) : null}
        <WhileOnScreen values={[d, t, shownEps, tHard, a, lossEps] as const}>
          {([d, t, shownEps, tHard, a, lossEps]) => (
            <Equations
              d={d}
              t={t}
              eps={shownEps}
              highlight={highlight}
              onHover={setHighlight}
              p={data.p}
              y={data.y}
              tHard={tHard}
              a={a}
              epsSetting={lossEps}
              switchRule={switchRule}
              lossSubject="the concept data"
            />
          )}
        </WhileOnScreen>
      </div>
    </>
  );
});
