/** User actions shared by buttons and keyboard shortcuts. */
import { sendToEngine } from '../state/engineBridge';
import { SCENARIOS, scenarioState, type Scenario } from '../state/scenarios';
import { useLab } from '../state/store';
import { useDeck } from '../state/deck';

export function togglePlay(): void {
  const s = useLab.getState();
  // A logged run on view has no engine behind it: Train stays off (Reset leaves the view).
  if (!s.dataset || s.viewed) return;
  sendToEngine({ type: s.running ? 'pause' : 'run' });
}

export function stepOnce(): void {
  const s = useLab.getState();
  if (s.dataset && !s.running && !s.viewed) sendToEngine({ type: 'step' });
}

/** A new run of the engine; from a logged run on view, this is the way back to training. */
export function resetRun(): void {
  const s = useLab.getState();
  if (!s.dataset) return;
  if (s.viewed) s.leaveView();
  sendToEngine({ type: 'reset' });
}

/** Presentation mode also asks for full screen; browsers only allow that from a user gesture. */
export function setPresentation(on: boolean): void {
  useLab.getState().setView({ presentation: on });
  const doc = document as Document & { fullscreenElement: Element | null };
  if (on && !doc.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => undefined);
  if (!on && doc.fullscreenElement) document.exitFullscreen?.().catch(() => undefined);
}

export function applyScenario(scenario: Scenario): void {
  const s = useLab.getState();
  const { params, view } = scenarioState(scenario, s.params);
  // Keep presentation mode and the classroom's hidden controls: a scenario changes the lesson, not the room.
  s.setParams(params);
  s.setView({ ...view, presentation: s.view.presentation, hidden: s.view.hidden });
  s.setHighlight(scenario.highlight);
  // The scenario's card replaces a deck slide's note.
  useDeck.getState().setCurrent(null);
  // Bring the first panel the story talks about into view (once React has drawn it).
  requestAnimationFrame(() =>
    document.querySelector(`[data-testid="${scenario.look[0]}"]`)?.scrollIntoView({ block: 'start' }),
  );
}

export function applyScenarioByIndex(index: number): void {
  const scenario = SCENARIOS[index];
  if (scenario) applyScenario(scenario);
}
