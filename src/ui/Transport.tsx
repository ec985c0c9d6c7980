import { sendToEngine } from '../state/engineBridge';
import { useLab } from '../state/store';

/** Play, pause, step and reset, plus the step counter and backend badge. */
export function Transport() {
  const running = useLab((s) => s.running);
  const step = useLab((s) => s.liveStep);
  const backend = useLab((s) => s.backend);
  const rate = useLab((s) => s.snapshot?.stepsPerSecond ?? 0);
  const ready = useLab((s) => s.dataset !== null);
  const badgeTip = backend
    ? [`Training on ${backend.backend}.`, ...backend.fallbacks.map((f) => `${f.backend} not used: ${f.reason}`)].join('\n')
    : 'Starting the training engine…';
  return (
    <div className="transport">
      {running ? (
        <button data-testid="btn-pause" onClick={() => sendToEngine({ type: 'pause' })} title="Pause training (space)">
          ❚❚ Pause
        </button>
      ) : (
        <button data-testid="btn-play" className="primary" disabled={!ready} onClick={() => sendToEngine({ type: 'run' })} title="Train continuously (space)">
          ▶ Train
        </button>
      )}
      <button data-testid="btn-step" disabled={!ready || running} onClick={() => sendToEngine({ type: 'step' })} title="One optimiser step (→)">
        Step
      </button>
      <button data-testid="btn-reset" disabled={!ready} onClick={() => sendToEngine({ type: 'reset' })} title="New run: same seed, same data and initial weights (r)">
        Reset
      </button>
      <span className="step-counter" title="Optimiser steps taken in this run">
        step <strong data-testid="step-counter">{step}</strong>
        {running && rate > 0 ? <small> · {rate.toFixed(1)}/s</small> : null}
      </span>
      <span className={`backend-badge ${backend?.fallbacks.length ? 'fallback' : ''}`} data-testid="backend-badge" title={badgeTip}>
        {backend ? backend.backend : 'starting…'}
      </span>
    </div>
  );
}
