import { useState, type ReactNode } from 'react';
import { lossIds, lossInfo, lossNotes, type LossId } from '../../core/lossInfo';
import { parseSweepArgs, SweepArgError, sweepArgsOf, type SweepArg } from '../../experiments/config';
import { runQueue } from '../../experiments/queue';
import type { SweepConfig } from '../../experiments/types';
import { useExperimentView } from '../../state/experimentView';

const FIELDS: { arg: Exclude<SweepArg, 'losses'>; label: string; title: string; size: number }[] = [
  {
    arg: 'switch',
    label: 'Switch',
    title:
      'Balance loss only: auto (Algorithm 1), never (Intra-CBL only), fromStart (stage 2 from step 0); comma-separated, each runs on the same seeds',
    size: 16,
  },
  {
    arg: 'ratios',
    label: 'Ratios b/f',
    title: 'Comma-separated background:foreground ratios, 2–500 (the imbalance slider’s range)',
    size: 14,
  },
  {
    arg: 'seeds',
    label: 'Seeds',
    title: 'Comma-separated seeds: each seeds data, initial weights and batch order',
    size: 8,
  },
  { arg: 'steps', label: 'Steps', title: 'Training steps per run', size: 5 },
  { arg: 'size', label: 'Image px', title: '32, 64 or 128', size: 3 },
  { arg: 'levels', label: 'Levels', title: 'U-Net levels, 2–4', size: 2 },
  { arg: 'width', label: 'Width', title: 'U-Net width, 4–32', size: 3 },
  { arg: 'batch', label: 'Batch', title: 'Batch size, 1–32', size: 3 },
  { arg: 'lr', label: 'lr', title: 'Adam learning rate', size: 6 },
  { arg: 't', label: 't', title: 'Threshold of the main/bias split (the metrics always use p > 0.5)', size: 4 },
  { arg: 'train', label: 'Train imgs', title: 'Synthetic training images, 8–512', size: 4 },
  { arg: 'val', label: 'Val imgs', title: 'Validation images, 4–64', size: 3 },
];

/** One checkbox per registered loss. */
function LossChoice({
  chosen,
  disabled,
  onToggle,
}: {
  chosen: ReadonlySet<string>;
  disabled: boolean;
  onToggle: (id: LossId, on: boolean) => void;
}) {
  return (
    <fieldset>
      <legend>Losses</legend>
      {lossIds.map((id) => (
        <label key={id} title={lossNotes[id] ? `${lossInfo[id].label}. ${lossNotes[id]}` : lossInfo[id].label}>
          <input
            type="checkbox"
            data-testid={`exp-loss-${id}`}
            checked={chosen.has(id)}
            disabled={disabled}
            onChange={(e) => onToggle(id, e.target.checked)}
          />{' '}
          {id}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The sweep's configuration as text fields with the CLI's argument names and checks; a valid form
 * becomes the configuration the link carries and the Run button starts.
 */
export function ExperimentForm({
  disabled,
  onRun,
  actions,
}: {
  disabled: boolean;
  onRun: (config: SweepConfig) => void;
  /** The section's other buttons, on the Run button's row. */
  actions?: ReactNode;
}) {
  const config = useExperimentView((s) => s.config);
  const setConfig = useExperimentView((s) => s.setConfig);
  const [text, setText] = useState<Record<SweepArg, string>>(() => sweepArgsOf(config));
  const [error, setError] = useState<string | null>(null);

  const update = (next: Record<SweepArg, string>): void => {
    setText(next);
    try {
      setConfig(parseSweepArgs(next));
      setError(null);
    } catch (err) {
      if (!(err instanceof SweepArgError)) throw err;
      setError(err.message);
    }
  };
  const chosen = new Set(text.losses.split(',').filter(Boolean));
  const toggleLoss = (id: LossId, on: boolean): void => {
    const next = lossIds.filter((l) => (l === id ? on : chosen.has(l)));
    update({ ...text, losses: next.join(',') });
  };
  const runs = error ? 0 : runQueue(config).length;
  return (
    <form
      className="experiment-form"
      data-testid="experiment-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!error) onRun(config);
      }}
    >
      <LossChoice chosen={chosen} disabled={disabled} onToggle={toggleLoss} />
      <div className="experiment-fields">
        {FIELDS.map((f) => (
          <label key={f.arg} title={f.title} className="experiment-field">
            <span>{f.label}</span>
            <input
              data-testid={`exp-${f.arg}`}
              size={f.size}
              value={text[f.arg]}
              disabled={disabled}
              onChange={(e) => update({ ...text, [f.arg]: e.target.value })}
            />
          </label>
        ))}
      </div>
      <div className="experiment-actions">
        <button
          type="submit"
          className="primary"
          data-testid="btn-experiment-run"
          disabled={disabled || error !== null}
        >
          Run {runs} run{runs === 1 ? '' : 's'}
        </button>
        {error ? (
          <span className="experiment-error" data-testid="experiment-form-error" role="alert">
            {error}
          </span>
        ) : null}
        {actions}
      </div>
    </form>
  );
}
