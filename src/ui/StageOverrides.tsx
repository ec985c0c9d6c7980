import type { SwitchMode } from '../params/schema';
import { useRun } from '../state/runContext';

const MODES: { mode: SwitchMode; label: string; tip: string }[] = [
  { mode: 'auto', label: 'Automatic', tip: 'Algorithm 1 decides when to switch (τ).' },
  { mode: 'now', label: 'Switch now', tip: 'Start stage 2 (Balance loss) at the next step.' },
  { mode: 'never', label: 'Never', tip: 'Stay in stage 1: Intra-CBL only.' },
  {
    mode: 'fromStart',
    label: 'From the start',
    tip: 'Balance loss from step 0: in bursts within its first few dozen steps, Inter-CBL’s ε weighs down part of the main term (Eq. 12).',
  },
];

/** Manual overrides of the two-stage schedule, shown only for the Balance loss. */
export function StageOverrides() {
  const mode = useRun((s) => s.params.switchMode);
  const loss = useRun((s) => s.params.loss);
  const setParam = useRun((s) => s.setParam);
  if (loss !== 'balance') return <p className="hint">The two-stage schedule applies to the Balance loss only.</p>;
  return (
    <div className="overrides" role="group" aria-label="Stage switch overrides">
      {MODES.map((m) => (
        <button
          key={m.mode}
          data-testid={`switch-${m.mode}`}
          className={mode === m.mode ? 'active' : ''}
          title={m.tip}
          onClick={() => setParam('switchMode', m.mode)}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}
