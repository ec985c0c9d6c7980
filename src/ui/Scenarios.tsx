import { SCENARIOS } from '../state/scenarios';
import { useLab } from '../state/store';
import { applyScenario } from './actions';
import { NoteCard } from './NoteCard';
import { useDeck } from '../state/deck';
import { DeckButton } from './deck/DeckNote';

/** Numbered scenario buttons (keys 1–9) and, when one is active, its narrative. */
export function ScenarioBar() {
  const active = useLab((s) => s.view.scenario);
  return (
    <nav className="scenario-bar" aria-label="Scenarios" data-testid="scenario-bar">
      <span className="scenario-bar-label">Scenarios</span>
      {SCENARIOS.map((s, i) => (
        <button
          key={s.id}
          data-testid={`scenario-${s.id}`}
          className={active === s.id ? 'active' : ''}
          onClick={() => applyScenario(s)}
          title={`${s.title} (key ${i + 1})`}
        >
          <kbd>{i + 1}</kbd> {s.short}
        </button>
      ))}
      <DeckButton />
    </nav>
  );
}

/** The active scenario's story, with the panels it points at outlined. */
export function ScenarioNarrative() {
  const id = useLab((s) => s.view.scenario);
  const setView = useLab((s) => s.setView);
  const scenario = SCENARIOS.find((s) => s.id === id);
  // A deck slide on screen takes this place with its own note (ui/deck/DeckNote.tsx).
  const slideShown = useDeck((s) => s.current !== null);
  if (!scenario || slideShown) return null;
  // Outlines come from a stylesheet keyed by data-testid, so no panel's DOM is touched.
  const outline = scenario.look.map((t) => `[data-testid="${t}"]`).join(',\n');
  return (
    <NoteCard
      key={scenario.id}
      title={scenario.title}
      text={scenario.narrative}
      testId="scenario-narrative"
      collapseTestId="scenario-collapse"
      closeLabel="Close scenario"
      onClose={() => setView({ scenario: null })}
    >
      <style>{`${outline} { outline: 3px solid var(--look); outline-offset: 2px; }`}</style>
    </NoteCard>
  );
}
