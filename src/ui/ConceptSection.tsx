import { memo, useMemo } from 'react';
import { thresholdIndex, type ThresholdIndex } from '../core/thresholdIndex';
import type { LossId } from '../core/lossInfo';
import type { SwitchRule } from '../core/stageRule';
import { conceptPredictions } from '../panels/conceptData';
import { Equations } from '../panels/Equations';
import { MainBiasBars } from '../panels/MainBiasBars';
import { SortedPredictions } from '../panels/SortedPredictions';
import { GradientShares } from '../panels/GradientShares';
import { StartsOffScreen, useHeldSelection, useOnScreen, WhileOnScreen } from '../panels/kit/onScreen';
import type { TermId } from '../panels/types';
import { effectiveEps, type Params } from '../params/schema';
import { useLab } from '../state/store';
import { useDecomposition } from './useDecomposition';
import { useGradientShares } from './useGradientShares';

/** The sliders a panel follows and holds while it is off screen (issue 19). */
interface Sliders {
  t: number;
  eps: number;
  tHard: number;
  a: number;
}

/** What every explorer panel shares: the data, its index, and the settings that are not sliders. */
interface Shared {
  data: { p: Float32Array; y: Float32Array };
  index: ThresholdIndex;
  gradInput: { p: Float32Array; y: Float32Array; n: number };
  epsMode: Params['epsMode'];
  loss: LossId;
  switchRule: SwitchRule;
  highlight: TermId | null;
  setHighlight: (term: TermId | null) => void;
}

/** A slider's value; while the section is off screen, the one it last drew with (an input does not re-render it). */
function useSlider<K extends keyof Sliders>(key: K, live: boolean): number {
  return useHeldSelection(useLab, (s) => s.params[key], live);
}

/**
 * The concept explorer: parametric predictions, no model and no GPU, so it is drawn the moment
 * the page loads and answers every slider instantly. Off screen it holds the slider values it
 * last drew, so an input costs it nothing, and catches up when it scrolls back; within it, each
 * panel does the same (issue 19, panels/kit/onScreen.tsx).
 */
export function ConceptSection() {
  const [sectionRef, live] = useOnScreen<HTMLElement>();
  return (
    <section className="section" data-testid="concept-explorer" ref={sectionRef}>
      <ConceptPanels
        ratio={useLab((s) => s.params.conceptRatio)}
        quality={useLab((s) => s.params.conceptQuality)}
        t={useSlider('t', live)}
        eps={useSlider('eps', live)}
        tHard={useSlider('tHard', live)}
        a={useSlider('a', live)}
        epsMode={useLab((s) => s.params.epsMode)}
        loss={useLab((s) => s.params.loss)}
        switchRule={useLab((s) => s.params.switchRule)}
        highlight={useLab((s) => s.highlight)}
        setHighlight={useLab((s) => s.setHighlight)}
      />
    </section>
  );
}

type PanelsProps = Sliders & Omit<Shared, 'data' | 'index' | 'gradInput'> & { ratio: number; quality: number };

/** Memoised: re-renders only when a value it draws from changes. */
const ConceptPanels = memo(function ConceptPanels({ ratio, quality, t, eps, tHard, a, ...rest }: PanelsProps) {
  const data = useMemo(() => conceptPredictions({ ratio, quality }), [ratio, quality]);
  // One sort per data set; then each t costs two binary searches (src/core/thresholdIndex.ts).
  const index = useMemo(() => thresholdIndex(data.p, data.y), [data]);
  const gradInput = useMemo(() => ({ ...data, n: 1 }), [data]);
  const shared: Shared = { data, index, gradInput, ...rest };
  return (
    <>
      <h1 className="section-title">
        Concept explorer{' '}
        {/* One text node, as in the static first screen (scripts/firstScreen.ts): the same box, so
            the app's copy is not a larger paint than the one the HTML showed. */}
        <small>{`f = ${index.f} foreground, b = ${index.b} background pixels · no training needed`}</small>
      </h1>
      <div className="grid concept-grid">
        <WhileOnScreen values={[t, eps] as const}>
          {([t, eps]) => <ConceptFig2 {...shared} t={t} eps={eps} />}
        </WhileOnScreen>
        {/* Fig. 2 draws with the page's first render; the others once the observer has placed them
            (on screen: the next frame; off screen: an idle period each), so the first render is
            not one long task of every panel (issue 19, a light page). */}
        <StartsOffScreen.Provider value={true}>
          <WhileOnScreen values={[t, eps] as const}>
            {([t, eps]) => <ConceptBars {...shared} t={t} eps={eps} />}
          </WhileOnScreen>
          <WhileOnScreen values={[t, eps, tHard, a] as const}>
            {([t, eps, tHard, a]) => <ConceptShares {...shared} t={t} eps={eps} tHard={tHard} a={a} />}
          </WhileOnScreen>
          <WhileOnScreen values={[t, eps, tHard, a] as const}>
            {([t, eps, tHard, a]) => <ConceptEquations {...shared} t={t} eps={eps} tHard={tHard} a={a} />}
          </WhileOnScreen>
        </StartsOffScreen.Provider>
      </div>
    </>
  );
});

type At = Shared & Pick<Sliders, 't' | 'eps'>;

function ConceptFig2({ data, index, t, eps, epsMode, highlight, setHighlight }: At) {
  const { d, shownEps } = useDecomposition(index, data.y, t, { eps, epsMode });
  const rankAxis = useLab((s) => s.params.conceptRankAxis);
  const setParam = useLab((s) => s.setParam);
  if (!d) return null;
  return (
    <SortedPredictions
      p={data.p}
      y={data.y}
      t={t}
      eps={shownEps}
      decomposition={d}
      side="fp"
      xScale={rankAxis}
      onXScaleChange={(mode) => setParam('conceptRankAxis', mode)}
      title="Fig. 2 · background predictions, sorted"
      testId="concept-sorted"
      highlight={highlight}
      onHover={setHighlight}
    />
  );
}

function ConceptBars({ data, index, t, eps, epsMode, highlight, setHighlight }: At) {
  const { d } = useDecomposition(index, data.y, t, { eps, epsMode });
  return d ? <MainBiasBars d={d} highlight={highlight} onHover={setHighlight} /> : null;
}

function ConceptShares({ gradInput, index, t, eps, epsMode, tHard, a, loss }: Shared & Sliders) {
  const grad = useGradientShares(gradInput, t, { tHard, eps: effectiveEps({ eps, epsMode }), a });
  if (!grad) return null;
  return (
    <GradientShares
      shares={grad.shares}
      counts={grad.counts}
      trained={loss}
      t={t}
      subject={`the concept data (f = ${index.f}, b = ${index.b.toLocaleString()})`}
      testId="concept-gradient"
    />
  );
}

function ConceptEquations({
  data,
  index,
  t,
  eps,
  epsMode,
  tHard,
  a,
  switchRule,
  highlight,
  setHighlight,
}: Shared & Sliders) {
  const { d, shownEps } = useDecomposition(index, data.y, t, { eps, epsMode });
  if (!d) return null;
  return (
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
      epsSetting={effectiveEps({ eps, epsMode })}
      switchRule={switchRule}
      lossSubject="the concept data"
    />
  );
}
