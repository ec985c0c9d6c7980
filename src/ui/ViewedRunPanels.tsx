import type { DecompositionW } from '../engine/protocol';
import { Equations } from '../panels/Equations';
import { MainBiasBars } from '../panels/MainBiasBars';
import { useRun } from '../state/runContext';
import { useLab } from '../state/store';
import { effectiveEps } from '../params/schema';

/**
 * The panels a live run leaves to the concept explorer but a logged run shows on its own
 * predictions: the main/bias bars and the equations with their numbers (docs/python-logger.md).
 */
export function ViewedRunPanels({
  d,
  p,
  y,
  eps,
  t,
  subject,
}: {
  d: DecompositionW;
  p: Float32Array;
  y: Float32Array;
  eps: number;
  t: number;
  subject: string;
}) {
  const highlight = useLab((s) => s.highlight);
  const setHighlight = useLab((s) => s.setHighlight);
  const tHard = useRun((s) => s.params.tHard);
  const a = useRun((s) => s.params.a);
  const epsSetting = useRun((s) => effectiveEps(s.params));
  const switchRule = useRun((s) => s.params.switchRule);
  return (
    <>
      <MainBiasBars d={d} highlight={highlight} onHover={setHighlight} />
      <div style={{ gridColumn: '1 / -1' }}>
        <Equations
          d={d}
          t={t}
          eps={eps}
          highlight={highlight}
          onHover={setHighlight}
          p={p}
          y={y}
          tHard={tHard}
          a={a}
          epsSetting={epsSetting}
          switchRule={switchRule}
          lossSubject={subject}
        />
      </div>
    </>
  );
}
