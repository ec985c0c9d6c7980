import { useMemo } from 'react';
import { lossInfo } from '../core/lossInfo';
import { historySync } from '../state/historyMath';
import { useCompareRun } from '../state/compare';
import { RunContext } from '../state/runContext';
import { schema, type Params } from '../params/schema';
import { useLab, type LabStore } from '../state/store';
import { COMPARABLE_KEYS, type ComparableKey, type CompareOverrides } from '../state/view';
import { useStore } from 'zustand';
import { ParamControlFor } from './ParamControl';
import { TrainingSection } from './TrainingSection';

const describe = (p: Params, keys: readonly ComparableKey[]): string =>
  keys.map((k) => (k === 'loss' ? lossInfo[p.loss].label : `${schema[k].label} ${String(p[k])}`)).join(' · ');

/**
 * Compare mode: run A (the controls' parameters) and run B (A plus a few overrides) side by side,
 * same data and initial weights, the main/bias history drawn on shared axes.
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
  const differing = COMPARABLE_KEYS.filter((k) => paramsA[k] !== paramsB[k]);
  const shown: readonly ComparableKey[] = differing.length ? differing : ['loss'];
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
      </div>
      <div className="compare-columns">
        {[
          { tag: 'A', store: useLab, params: paramsA },
          { tag: 'B', store: storeB, params: paramsB },
        ].map((run) => (
          <RunContext.Provider key={run.tag} value={run.store}>
            <div className="compare-column" data-testid={`compare-run-${run.tag.toLowerCase()}`}>
              <h2 className="compare-title">
                <span className={`run-tag run-tag-${run.tag.toLowerCase()}`}>{run.tag}</span>{' '}
                {describe(run.params, shown)}
              </h2>
              <TrainingSection compact sync={sync} />
            </div>
          </RunContext.Provider>
        ))}
      </div>
    </section>
  );
}
