/**
 * The "where the loss pushes" panel as the training and analysis sections mount it: every loss's
 * gradient shares, and under them the per-pixel |∂L/∂z| map of the chosen loss when the subject
 * is one image (a batch has no single picture, so a hint stands there instead).
 */
import type { LossId } from '../core';
import { lossIds } from '../core/lossInfo';
import { GradientMap } from '../panels/GradientMap';
import { GradientShares } from '../panels/GradientShares';
import type { GradientView } from './useGradientShares';

export interface MapSubject {
  width: number;
  height: number;
  p: ArrayLike<number>;
  y: ArrayLike<number>;
}

export function GradientWithMap({
  grad,
  trained,
  trainedNote,
  chosen,
  onChoose,
  t,
  subject,
  map,
  noMapHint,
  testId,
}: {
  grad: GradientView;
  trained: LossId;
  trainedNote?: string;
  chosen: LossId;
  onChoose: (loss: LossId) => void;
  t: number;
  subject: string;
  /** The one image to map; null when there is none. */
  map: MapSubject | null;
  noMapHint?: string;
  /** The shares panel's id; the map's is `${testId}-map`. */
  testId: string;
}) {
  return (
    <GradientShares
      shares={grad.shares}
      counts={grad.counts}
      trained={trained}
      trainedNote={trainedNote}
      chosen={map ? chosen : null}
      onChoose={onChoose}
      t={t}
      subject={subject}
      testId={testId}
    >
      {map ? (
        <GradientMap
          width={map.width}
          height={map.height}
          p={map.p}
          y={map.y}
          g={grad.grads[chosen]}
          loss={chosen}
          losses={lossIds}
          onLoss={onChoose}
          testId={`${testId}-map`}
        />
      ) : noMapHint ? (
        <p className="hint">{noMapHint}</p>
      ) : null}
    </GradientShares>
  );
}
