import { lossNotes } from '../core/lossInfo';
import { useLab } from '../state/store';
import { useUserData } from '../state/userData';
import { CONTROL_GROUPS } from './controlGroups';
import { ParamControl } from './ParamControl';
import { paramIdle } from './paramIdle';

/**
 * Every control, grouped, generated from the schema; sliders a loss ignores are dimmed and
 * controls hidden by a classroom link are left out.
 */
export function Controls() {
  const hidden = useLab((s) => s.view.hidden);
  const setView = useLab((s) => s.setView);
  const onUserData = useUserData((s) => s.training);
  const loss = useLab((s) => s.params.loss);
  const epsMode = useLab((s) => s.params.epsMode);
  return (
    <aside className="controls" data-testid="controls">
      {hidden !== 'all' && hidden.length > 0 ? (
        <p className="controls-hidden-note" data-testid="controls-hidden-note">
          {hidden.length} controls hidden by this link.
          <button onClick={() => setView({ hidden: [] })}>Show all</button>
        </p>
      ) : null}
      {CONTROL_GROUPS.map((g) => ({ ...g, keys: g.keys.filter((k) => hidden === 'all' || !hidden.includes(k)) }))
        .filter((g) => g.keys.length > 0)
        .map((g) => (
          <fieldset key={g.title} className={g.title === 'Synthetic data' && onUserData ? 'idle' : ''}>
            <legend>
              {g.title === 'Synthetic data' && onUserData ? `${g.title} (not used: training on your data)` : g.title}
            </legend>
            {g.keys.map((k) => (
              <div key={k} className={paramIdle(k, loss, epsMode) ? 'idle' : ''}>
                <ParamControl name={k} />
                {k === 'loss' && lossNotes[loss] ? (
                  <p className="hint" data-testid="loss-note">
                    {lossNotes[loss]}
                  </p>
                ) : null}
              </div>
            ))}
          </fieldset>
        ))}
    </aside>
  );
}
