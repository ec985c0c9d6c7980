import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { BackendName } from './engine/protocol';
import { connectEngine, sendToEngine } from './state/engineBridge';
import { useLab } from './state/store';
import { useCompareRun, wireCompareMode } from './state/compare';
import { useUserData } from './state/userData';
import { currentQuery } from './state/url';
import { applyLinkState, linkState } from './state/linkState';
import { wireDeckStorage } from './state/deckStorage';
import { openDeckFromHash } from './ui/deck/deckActions';
import { wireShortcuts } from './ui/shortcuts';
import { App } from './ui/App';
import { loadAppFonts } from './ui/appFonts';
import { useExperimentView } from './state/experimentView';
import { restoreSavedSweep } from './ui/experiments/experimentRunner';
import './ui/styles.css';
import './ui/teaching.css';
import './ui/experiments.css';
import './ui/screens.css';

// Parameters and view come from the URL; anything invalid is clamped and reported, never fatal.
// A scenario link (sc=…) starts from the scenario's parameters; explicit ones still override.
const fromLink = linkState(window.location.search, true);
applyLinkState(fromLink);
// A sweep saved in this browser (finished or not) shows again and can resume.
restoreSavedSweep();
// One notice for the whole link, so a long list of problems cannot push other notices out.
if (fromLink.problems.length)
  useLab.getState().notify({ level: 'warn', text: `This link was adjusted: ${fromLink.problems.join('; ')}.` });
// The deck this browser keeps, and a deck a link carries in its hash (state/deck.ts).
wireDeckStorage();
void openDeckFromHash();
// Debounced: browsers throttle rapid history updates while a slider is dragged.
let urlTimer: ReturnType<typeof setTimeout> | undefined;
useLab.subscribe((s, prev) => {
  if (s.params === prev.params && s.view === prev.view && s.selectedImage === prev.selectedImage) return;
  clearTimeout(urlTimer);
  urlTimer = setTimeout(
    () => window.history.replaceState(null, '', `${window.location.pathname}${currentQuery()}${window.location.hash}`),
    250,
  );
});
// The Experiments section's sweep is part of the link too (state/experimentView.ts).
useExperimentView.subscribe(() => {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(
    () => window.history.replaceState(null, '', `${window.location.pathname}${currentQuery()}${window.location.hash}`),
    250,
  );
});

const backends = new URLSearchParams(window.location.search).get('backends')?.split(',') as BackendName[] | undefined;
connectEngine(backends);
wireCompareMode(backends);
wireShortcuts();
// The address bar shows the canonical link at once: clamped values, no unknown keys.
window.history.replaceState(null, '', `${window.location.pathname}${currentQuery()}${window.location.hash}`);

// A handle for debugging in the console and for the browser tests.
Object.assign(window, {
  balanceLab: {
    store: useLab,
    compare: useCompareRun,
    userData: useUserData,
    debugLoseDevice: () => sendToEngine({ type: 'debugLoseDevice' }, useLab),
  },
});

// The app's own face first: label widths are measured once, with whatever font is ready (ui/appFonts.ts).
// A transition: React renders the first tree in slices that yield to the browser, rather than one
// long task (issue 19, a light page); the static first screen in #root shows until it commits.
void loadAppFonts().then(() => {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  startTransition(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
});
