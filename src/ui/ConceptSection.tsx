import { useMemo } from 'react';
import { decompose } from '../core/decompose';
import { displayEps } from '../engine/displayEps';
import { conceptPredictions } from '../panels/conceptData';
import { Equations } from '../panels/Equations';
import { MainBiasBars } from '../panels/MainBiasBars';
import { SortedPredictions } from '../panels/SortedPredictions';
import { GradientShares } from '../panels/GradientShares';
import { effectiveEps } from '../params/schema';
import { useLab } from '../state/store';
import { useGradientShares } from './useGradientShares';

/**
 * The concept explorer: parametric predictions, no model and no GPU, so it is drawn the moment
 * the page loads and answers every slider instantly.
 */
export function ConceptSection() {
  const ratio = useLab((s) => s.params.conceptRatio);
  const quality = useLab((s) => s.params.conceptQuality);
  const t = useLab((s) => s.params.t);
  const eps = useLab((s) => s.params.eps);
  const epsMode = useLab((s) => s.params.epsMode);
  const highlight = useLab((s) => s.highlight);
  const setHighlight = useLab((s) => s.setHighlight);
  const data = useMemo(() => conceptPredictions({ ratio, quality }), [ratio, quality]);
  const shownEps = useMemo(() => displayEps({ eps, epsMode }, data.y), [eps, epsMode, data]);
  const d = useMemo(() => decompose(data.p, data.y, { t, eps: shownEps }), [data, t, shownEps]);
  const tHard = useLab((s) => s.params.tHard);
  const a = useLab((s) => s.params.a);
  const loss = useLab((s) => s.params.loss);
  const switchRule = useLab((s) => s.params.switchRule);
  const lossEps = effectiveEps({ eps, epsMode });
  const gradInput = useMemo(() => ({ p: data.p, y: data.y, n: 1 }), [data]);
  const grad = useGradientShares(gradInput, t, { tHard, eps: lossEps, a });
  return (
    <section className="section" data-testid="concept-explorer">
      <h1 className="section-title">
        Concept explorer{' '}
        <small>
          f = {d.f} foreground, b = {d.b} background pixels · no training needed
        </small>
      </h1>
      <div className="grid concept-grid">
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
        <MainBiasBars d={d} highlight={highlight} onHover={setHighlight} />
        {grad ? (
          <GradientShares
            shares={grad.shares}
            counts={grad.counts}
            trained={loss}
            t={t}
            subject={`the concept data (f = ${d.f}, b = ${d.b.toLocaleString()})`}
            testId="concept-gradient"
          />
        ) : null}
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
      </div>
    </section>
  );
}
