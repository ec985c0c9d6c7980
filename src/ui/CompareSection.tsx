import { useMemo } from 'react';
import { historySync } from '../state/historyMath';
import { useCompareRun } from '../state/compare';
import { RunContext } from '../state/runContext';
import { useLab, type LabStore } from '../state/store';
import type { CompareOverrides } from '../state/view';
import { useStore } from 'zustand';
import { CompareLayoutToggle } from './CompareLayoutToggle';
import { CompareOverlay } from './CompareOverlay';
import { runLabels } from './compareLabels';
import { ParamControlFor } from './ParamControl';
import { TrainingSection } from './TrainingSection';

/**
 * Compare mode: run A (the controls' parameters) and run B (A plus a few overrides), same data and
 * initial weights, either side by side with the histories on shared axes or overlaid on one chart.
 */
export function CompareSection() {
  const storeB = useCompareRun((s) => s.store);
  const overrides = useLab((s) => s.view.compare);
  if (!storeB || !overrides) return null;
  return <CompareColumns storeB={storeB} overrides={overrides} />;
}

function CompareColumns({ storeB, overrides }: { storeB: LabStore; overrides: CompareOverrides }) {
  const paramsA = useLab((s) => s.params);
  const paramsB = useStore(storeB, (s) => s.params);
  const historyA = useLab((s) => s.history);
  const historyB = useStore(storeB, (s) => s.history);
  const t = useLab((s) => s.params.t);
  const stepsA = useLab((s) => s.steps);
  const stepsB = useStore(storeB, (s) => s.steps);
  const sync = useMemo(() => {
    const h = historySync([historyA, historyB], t);
    if (!h) return null;
    // Per-step loss records can run past the last logged history point: the axis covers both.
    const last = Math.max(h.steps[1], stepsA.at(-1)?.step ?? -Infinity, stepsB.at(-1)?.step ?? -Infinity);
    return { ...h, steps: [h.steps[0], last] as [number, number] };
  }, [historyA, historyB, stepsA, stepsB, t]);
  const labels = runLabels(paramsA, paramsB);
  const overlay = useLab((s) => s.view.compareLayout === 'overlay');
  return (
    <section className="compare" data-testid="compare-section">
      <h1 className="section-title">
        Compare <small>same data, same initial weights; the transport drives both runs</small>
      </h1>
      <div className="compare-editor" data-testid="compare-editor">
        Run B differs in:
        {(['loss', 'epsMode', 'eps'] as const).map((k) => (
          <ParamControlFor
            key={k}
            name={k}
            store={storeB}
            onChange={(value) => useLab.getState().setView({ compare: { ...overrides, [k]: value } })}
            testIdPrefix="b-"
          />
        ))}
        <CompareLayoutToggle />
      </div>
      {overlay ? (
        <CompareOverlay storeB={storeB} labels={labels} />
      ) : (
        <div className="compare-columns">
          {[
            { tag: 'A', store: useLab, label: labels.a },
            { tag: 'B', store: storeB, label: labels.b },
          ].map((run) => (
            <RunContext.Provider key={run.tag} value={run.store}>
              <div className="compare-column" data-testid={`compare-run-${run.tag.toLowerCase()}`}>
                <h2 className="compare-title">
                  <span className={`run-tag run-tag-${run.tag.toLowerCase()}`}>{run.tag}</span> {run.label}
                </h2>
                <TrainingSection compact sync={sync} />
              </div>
            </RunContext.Provider>
          ))}
        </div>
      )}
    </section>
  );
}
