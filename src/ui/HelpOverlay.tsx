import { SCENARIOS } from '../state/scenarios';
import { useUi } from './uiStore';

const KEYS: [string, string][] = [
  ['Space', 'train / pause'],
  ['→', 'one step (while paused); presenting a deck: next slide'],
  ['← / →, PgUp / PgDn', 'presenting a deck: previous / next slide (a clicker sends PgUp / PgDn)'],
  ['R', 'reset the run (same seed, data and initial weights)'],
  ['P', 'presentation mode on / off'],
  ['[ / ]', 'threshold t down / up by 0.02'],
  [', / .', 'ε down / up by a fiftieth of its log scale (used when the ε source is the slider value)'],
  ['1–9', 'open a scenario'],
  ['?', 'this help'],
  ['Esc', 'close help, leave presentation'],
];

/** Keyboard shortcuts and scenario keys; opened with “?”. */
export function HelpOverlay() {
  const open = useUi((s) => s.helpOpen);
  const setHelp = useUi((s) => s.setHelp);
  if (!open) return null;
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label="Keyboard shortcuts"
      data-testid="help-overlay"
      onClick={() => setHelp(false)}
    >
      <div className="overlay-card" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {KEYS.map(([k, what]) => (
              <tr key={k}>
                <td>
                  <kbd>{k}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
            {SCENARIOS.map((s, i) => (
              <tr key={s.id}>
                <td>
                  <kbd>{i + 1}</kbd>
                </td>
                <td>{s.title}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button onClick={() => setHelp(false)}>Close</button>
      </div>
    </div>
  );
}
