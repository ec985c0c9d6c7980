/**
 * Global keyboard shortcuts: space play/pause, → step, r reset, p presentation, 1–9 scenarios,
 * [ ] and , . move t and ε, ? help, Esc closes the help or leaves presentation; presenting a deck,
 * ←/→ and PageUp/PageDown step its slides instead. Keys typed into a text field are left alone,
 * and a focused slider keeps its arrow keys.
 */
import { schema } from '../params/schema';
import { jumpValue, SLIDER_STEPS } from '../params/sliderScale';
import { noteSliderInput } from '../state/snapshotGate';
import { useLab } from '../state/store';
import { applyScenarioByIndex, resetRun, setPresentation, stepOnce, togglePlay } from './actions';
import { useUi } from './uiStore';
import { handleDeckKey } from './deck/deckKeys';

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
    return true;
  return (
    target instanceof HTMLInputElement &&
    target.type !== 'range' &&
    target.type !== 'checkbox' &&
    target.type !== 'button'
  );
}

/** Keys that nudge a live slider by a fiftieth of its track (t by 0.02), for presenting. */
const NUDGE_KEYS: Record<string, ['t' | 'eps', 1 | -1]> = {
  '[': ['t', -1],
  ']': ['t', 1],
  ',': ['eps', -1],
  '.': ['eps', 1],
};
const NUDGE_POSITIONS = SLIDER_STEPS / 50;

/** Moves t or ε one nudge, unless a classroom link hides that control. */
function nudge(key: 't' | 'eps', dir: 1 | -1): void {
  const s = useLab.getState();
  if (s.view.hidden === 'all' || s.view.hidden.includes(key)) return;
  noteSliderInput();
  s.setParam(key, jumpValue(schema[key], s.params[key], dir * NUDGE_POSITIONS));
}

export function handleShortcut(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return false;
  const onSlider = e.target instanceof HTMLInputElement && e.target.type === 'range';
  // Presenting a deck: arrows and PageUp/PageDown step slides (ui/deck/deckKeys.ts).
  if (handleDeckKey(e, onSlider)) return true;
  const ui = useUi.getState();
  switch (e.key) {
    case ' ':
      togglePlay();
      return true;
    case 'ArrowRight':
      if (onSlider) return false;
      stepOnce();
      return true;
    case 'r':
    case 'R':
      resetRun();
      return true;
    case 'p':
    case 'P':
      setPresentation(!useLab.getState().view.presentation);
      return true;
    case '?':
      ui.setHelp(!ui.helpOpen);
      return true;
    case 'Escape':
      if (ui.helpOpen) ui.setHelp(false);
      else if (ui.shareOpen) ui.setShare(false);
      else if (useLab.getState().view.presentation) setPresentation(false);
      else return false;
      return true;
    default:
      if (Object.hasOwn(NUDGE_KEYS, e.key)) {
        nudge(...NUDGE_KEYS[e.key]);
        return true;
      }
      if (/^[1-9]$/.test(e.key)) {
        applyScenarioByIndex(Number(e.key) - 1);
        return true;
      }
      return false;
  }
}

export function wireShortcuts(): () => void {
  const onKey = (e: KeyboardEvent): void => {
    if (handleShortcut(e)) e.preventDefault();
  };
  window.addEventListener('keydown', onKey);
  // Leaving full screen with the browser's own Esc also leaves presentation mode.
  const onFullscreen = (): void => {
    if (!document.fullscreenElement && useLab.getState().view.presentation)
      useLab.getState().setView({ presentation: false });
  };
  document.addEventListener('fullscreenchange', onFullscreen);
  return () => {
    window.removeEventListener('keydown', onKey);
    document.removeEventListener('fullscreenchange', onFullscreen);
  };
}
