import { sendToEngine } from '../state/engineBridge';
import { resetRun } from './actions';
import { useLab } from '../state/store';
import type { BackendReport } from '../engine/protocol';

const formatMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toPrecision(2));

/** The badge's tooltip: how the backend was chosen, the probe's timings and every fallback's reason. */
function badgeTitle(report: BackendReport): string {
  const how = report.choice === 'user' ? ' (your choice)' : report.choice === 'probe' ? ' (fastest in the probe)' : '';
  const lines = [`Training on ${report.backend}${how}.`];
  if (report.probe) {
    lines.push(
      `Probe${report.probe.cached ? ' (cached for this browser)' : ''}, ms per step of this U-Net at batch 2:`,
    );
    for (const r of report.probe.results)
      lines.push(`  ${r.backend}: ${r.msPerStep === null ? r.note : `${formatMs(r.msPerStep)} ms`}`);
  }
  lines.push(...report.fallbacks.map((f) => `${f.backend} not used: ${f.reason}`));
  return lines.join('\n');
}

/** Play, pause, step and reset, plus the step counter and backend badge. */
export function Transport() {
  const running = useLab((s) => s.running);
  const step = useLab((s) => s.liveStep);
  const rate = useLab((s) => s.snapshot?.stepsPerSecond ?? 0);
  const ready = useLab((s) => s.dataset !== null);
  // A logged run on view: Train and Step stay off (no engine or weights behind it), Reset leaves it.
  const viewed = useLab((s) => s.viewed);
  return (
    <div className="transport">
      {running ? (
        <button data-testid="btn-pause" onClick={() => sendToEngine({ type: 'pause' })} title="Pause training (space)">
          ❚❚ Pause
        </button>
      ) : (
        <button
          data-testid="btn-play"
          className="primary"
          disabled={!ready || viewed !== null}
          onClick={() => sendToEngine({ type: 'run' })}
          title={viewed ? 'A logged run is view only; Reset starts a new lab run' : 'Train continuously (space)'}
        >
          ▶ Train
        </button>
      )}
      <button
        data-testid="btn-step"
        disabled={!ready || running || viewed !== null}
        onClick={() => sendToEngine({ type: 'step' })}
        title="One optimiser step (→)"
      >
        Step
      </button>
      <button
        data-testid="btn-reset"
        disabled={!ready}
        onClick={resetRun}
        title={
          viewed
            ? 'Leave the logged run and start a new lab run (r)'
            : 'New run: same seed, same data and initial weights (r)'
        }
      >
        Reset
      </button>
      <span className="step-counter" title={viewed ? 'The last logged step' : 'Optimiser steps taken in this run'}>
        step <strong data-testid="step-counter">{step}</strong>
        {running && rate > 0 ? <small> · {rate.toFixed(1)}/s</small> : null}
      </span>
      {viewed ? <ViewedBadge name={viewed.name} fileName={viewed.fileName} /> : <BackendBadge />}
    </div>
  );
}

function ViewedBadge({ name, fileName }: { name: string; fileName: string }) {
  return (
    <span className="backend-badge" data-testid="viewed-run-badge" title={`“${name}” from ${fileName}`}>
      logged run (view only)
    </span>
  );
}

/** The backend the engine trains on, with its last step time. */
function BackendBadge() {
  const backend = useLab((s) => s.backend);
  const stepMs = useLab((s) => s.stepMs);
  const badgeTip = backend ? badgeTitle(backend) : 'Starting the training engine…';
  return (
    <span
      className={`backend-badge ${backend?.fallbacks.length ? 'fallback' : ''}`}
      data-testid="backend-badge"
      title={badgeTip}
    >
      {backend ? backend.backend : 'starting…'}
      {backend && stepMs !== null ? <small data-testid="step-ms"> · {formatMs(stepMs)} ms/step</small> : null}
    </span>
  );
}
