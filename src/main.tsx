import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { BackendName } from './engine/protocol';
import { connectEngine, sendToEngine } from './state/engineBridge';
import { useLab } from './state/store';
import { paramsFromQuery, queryFromParams } from './state/url';
import { App } from './ui/App';
import './ui/styles.css';

// Parameters come from the URL; anything invalid is clamped and reported, never fatal.
const { params, problems } = paramsFromQuery(window.location.search);
useLab.getState().setParams(params);
for (const text of problems) useLab.getState().notify({ level: 'warn', text });
// Debounced: browsers throttle rapid history updates while a slider is dragged.
let urlTimer: ReturnType<typeof setTimeout> | undefined;
useLab.subscribe((s, prev) => {
  if (s.params === prev.params) return;
  clearTimeout(urlTimer);
  urlTimer = setTimeout(() => window.history.replaceState(null, '', `${window.location.pathname}${queryFromParams(useLab.getState().params)}`), 250);
});

const backends = new URLSearchParams(window.location.search).get('backends')?.split(',') as BackendName[] | undefined;
connectEngine(backends);

// A handle for debugging in the console and for the browser tests.
Object.assign(window, { balanceLab: { store: useLab, debugLoseDevice: () => sendToEngine({ type: 'debugLoseDevice' }) } });

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
