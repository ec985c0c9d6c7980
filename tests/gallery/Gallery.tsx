import type { ReactNode } from 'react';
import { allGradientShares, gradGroupOf, type GradGroup } from '../../src/core';
import { lossIds } from '../../src/core/lossInfo';
import { AnalysisMaps } from '../../src/panels/AnalysisMaps';
import { Equations } from '../../src/panels/Equations';
import { BlocksOpen } from '../../src/panels/equations/Block';
import { GradientMap } from '../../src/panels/GradientMap';
import { GradientShares } from '../../src/panels/GradientShares';
import { GradShareHistory } from '../../src/panels/GradShareHistory';
import { Images } from '../../src/panels/Images';
import { LossMetrics } from '../../src/panels/LossMetrics';
import { MainBiasBars } from '../../src/panels/MainBiasBars';
import { MainBiasHistory } from '../../src/panels/MainBiasHistory';
import { SortedPredictions } from '../../src/panels/SortedPredictions';
import { StagePanel } from '../../src/panels/StagePanel';
import { CompareOverlayChart } from '../../src/panels/CompareOverlayChart';
import { OVERLAY_CHARTS, type OverlayRun } from '../../src/panels/overlay/charts';
import { overlayRows, overlaySteps } from '../../src/state/overlayQuantities';
import { ExperimentPlot } from '../../src/ui/experiments/ExperimentPlot';
import * as fx from './fixtures';

const noop = () => undefined;

function Slot({ name, width, children }: { name: string; width: number; children: ReactNode }) {
  return (
    <div data-gallery={name} style={{ width, margin: 12 }}>
      {children}
    </div>
  );
}

function sharesOf(p: ArrayLike<number>, y: ArrayLike<number>, n: number) {
  const opts = { tHard: fx.T_HARD, eps: 'reference' as const, a: fx.A };
  const counts: Record<GradGroup, number> = { fgMain: 0, fgBias: 0, bgMain: 0, bgBias: 0 };
  for (let i = 0; i < p.length; i++) counts[gradGroupOf(p[i], y[i], fx.T)]++;
  return { shares: allGradientShares(p, y, n, fx.T, opts), counts };
}

const conceptShares = sharesOf(fx.concept.p, fx.concept.y, 1);
const imageShares = sharesOf(fx.image0.p, fx.image0.y, 1);
const imageGrads = fx.gradientsOf(fx.image0.p, fx.image0.y, 1);
const history = fx.history();
const steps = fx.steps();
const summary = fx.summary();
const overlayRuns: OverlayRun[] = [
  { tag: 'A', label: 'Balance loss', rows: overlayRows(history, fx.T), switchedAt: fx.SWITCH_AT },
  { tag: 'B', label: 'BCE', rows: overlayRows(fx.history(true), fx.T), switchedAt: null },
];
const overlayStepRange = overlaySteps(overlayRuns.map((r) => r.rows));

/** Compare mode's overlay chart `id` on the fixed runs A (Balance) and B (BCE). */
function Overlay({ id }: { id: string }) {
  const spec = OVERLAY_CHARTS.find((c) => c.id === id);
  if (!spec) throw new Error(`no overlay chart ${id}`);
  return (
    <Slot name={`overlay-${id}`} width={620}>
      <CompareOverlayChart
        spec={spec}
        runs={overlayRuns}
        steps={overlayStepRange}
        t={fx.T}
        highlight={null}
        onHover={noop}
      />
    </Slot>
  );
}

/** The equations panel on the concept fixture: slots "equations" (blocks closed) and "equations-open". */
function ConceptEquations() {
  return (
    <Equations
      d={fx.conceptD}
      t={fx.T}
      eps={fx.conceptEps}
      highlight={null}
      onHover={noop}
      p={fx.concept.p}
      y={fx.concept.y}
      tHard={fx.T_HARD}
      a={fx.A}
      epsSetting="reference"
      switchRule="code"
      lossSubject="the concept data"
    />
  );
}

export function Gallery() {
  type SortedData = 'concept' | 'poor' | 'concept200';
  const sortedData = {
    concept: { ...fx.concept, eps: fx.conceptEps, d: fx.conceptD },
    poor: { ...fx.poor, eps: 0.05, d: fx.poorD },
    concept200: { ...fx.concept200, eps: fx.concept200Eps, d: fx.concept200D },
  };
  const sorted = (
    name: string,
    side: 'fp' | 'fn',
    xScale: 'linear' | 'log' | 'head',
    data: SortedData = 'concept',
    width = 620,
  ) => (
    <Slot name={name} width={width}>
      <SortedPredictions
        p={sortedData[data].p}
        y={sortedData[data].y}
        t={fx.T}
        eps={sortedData[data].eps}
        decomposition={sortedData[data].d}
        side={side}
        xScale={xScale}
        title={`Fig. 2 · ${side}`}
        testId={`g-${name}`}
        highlight={null}
        onHover={noop}
      />
    </Slot>
  );
  return (
    <main>
      {sorted('sorted-fp', 'fp', 'linear')}
      {sorted('sorted-fn', 'fn', 'linear')}
      {sorted('sorted-fp-log-poor', 'fp', 'log', 'poor')}
      {sorted('sorted-fp-phone', 'fp', 'linear', 'concept', 360)}
      {sorted('sorted-fp-head', 'fp', 'head', 'concept200')}
      {sorted('sorted-fp-head-phone', 'fp', 'head', 'concept200', 360)}
      <Slot name="bars" width={620}>
        <MainBiasBars d={fx.conceptD} highlight={null} onHover={noop} />
      </Slot>
      <Slot name="bars-eps-highlight" width={620}>
        <MainBiasBars d={fx.poorD} highlight="fpBiasW" onHover={noop} />
      </Slot>
      <Slot name="bars-phone" width={360}>
        <MainBiasBars d={fx.conceptD} highlight={null} onHover={noop} />
      </Slot>
      <Slot name="shares" width={620}>
        <GradientShares
          shares={conceptShares.shares}
          counts={conceptShares.counts}
          trained="balance"
          t={fx.T}
          subject="the concept data"
          testId="g-shares"
        />
      </Slot>
      <Slot name="shares-map" width={620}>
        <GradientShares
          shares={imageShares.shares}
          counts={imageShares.counts}
          trained="intra"
          trainedNote="(Balance, stage 1)"
          chosen="bce"
          onChoose={noop}
          t={fx.T}
          subject="validation image 1"
          testId="g-shares-map"
        >
          <GradientMap
            width={32}
            height={32}
            p={fx.image0.p}
            y={fx.image0.y}
            g={imageGrads.bce}
            loss="bce"
            losses={lossIds}
            onLoss={noop}
            testId="g-gradient-map"
          />
        </GradientShares>
      </Slot>
      <Slot name="equations" width={900}>
        <ConceptEquations />
      </Slot>
      <Slot name="equations-open" width={900}>
        <BlocksOpen.Provider value>
          <ConceptEquations />
        </BlocksOpen.Provider>
      </Slot>
      <Slot name="history" width={620}>
        <MainBiasHistory history={history} t={fx.T} switchedAt={fx.SWITCH_AT} highlight={null} onHover={noop} />
      </Slot>
      <Slot name="grad-history" width={620}>
        <GradShareHistory history={history} t={fx.T} switchedAt={fx.SWITCH_AT} />
      </Slot>
      <Slot name="loss-metrics" width={620}>
        <LossMetrics history={history} steps={steps} switchedAt={fx.SWITCH_AT} t={fx.T} />
      </Slot>
      <Overlay id="history" />
      <Overlay id="share" />
      <Slot name="stage" width={620}>
        <StagePanel steps={steps} stage={fx.stage} rule="code" n={8} lastCheck={steps[steps.length - 1].check} />
      </Slot>
      <Slot name="images" width={620}>
        <Images
          size={32}
          n={fx.val.n}
          images={fx.val.images}
          masks={fx.val.masks}
          p={fx.valP}
          t={fx.T}
          selected={1}
          onSelect={noop}
        />
      </Slot>
      <Slot name="analysis-maps" width={620}>
        <AnalysisMaps width={32} height={32} p={fx.image0.p} y={Uint8Array.from(fx.image0.y)} />
      </Slot>
      <Slot name="experiment-plot" width={620}>
        <ExperimentPlot summary={summary} losses={['balance', 'bce']} ratios={[10, 50, 200]} />
      </Slot>
    </main>
  );
}
