import { useEffect, useRef, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { unsavedSteps, useLab } from '../state/store';

/**
 * Registers the service worker of the build (vite-plugin-pwa, Workbox) and asks before a new
 * deployment takes over: a lecture never changes under the teacher's hands. A reload drops the
 * run in memory, so when it has steps no run file holds, "Reload to update" first says how many
 * and offers to stay (an in-app confirmation, not window.confirm: it names the Save run button
 * and keeps the page's look). In dev mode the plugin registers nothing and this renders nothing.
 * While presenting, the message waits until presentation mode ends: nothing lies over the figures
 * in front of a room (issue 23).
 */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW();
  const [asking, setAsking] = useState(false);
  const presenting = useLab((s) => s.view.presentation);
  if (presenting || (!needRefresh && !offlineReady)) return null;
  const reload = () => void updateServiceWorker(true);
  if (needRefresh && asking) return <ConfirmReload onReload={reload} onCancel={() => setAsking(false)} />;
  return (
    <div className="update-prompt" role="status" data-testid={needRefresh ? 'update-prompt' : 'offline-ready'}>
      {needRefresh ? (
        <>
          <span>A new version of the lab is available.</span>
          <button
            data-testid="btn-update"
            onClick={() => (unsavedSteps(useLab.getState()) > 0 ? setAsking(true) : reload())}
          >
            Reload to update
          </button>
          <button className="secondary" onClick={() => setNeedRefresh(false)}>
            Later
          </button>
        </>
      ) : (
        <>
          <span>The lab now works offline.</span>
          <button className="secondary" onClick={() => setOfflineReady(false)}>
            OK
          </button>
        </>
      )}
    </div>
  );
}

/** "This run has N steps that were not saved": reload anyway, or stay (Escape too). */
function ConfirmReload({ onReload, onCancel }: { onReload: () => void; onCancel: () => void }) {
  const unsaved = useLab(unsavedSteps);
  const stay = useRef<HTMLButtonElement | null>(null);
  // Focus lands on the safe choice, so Enter never drops the run by accident.
  useEffect(() => stay.current?.focus(), []);
  // Saved meanwhile (Save run pauses and writes the file): nothing left to lose, back to the prompt.
  useEffect(() => {
    if (unsaved === 0) onCancel();
  }, [unsaved, onCancel]);
  return (
    <div
      className="update-prompt"
      role="alertdialog"
      aria-labelledby="update-confirm-text"
      data-testid="update-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <span id="update-confirm-text">
        Reloading loses this run’s {unsaved} unsaved {unsaved === 1 ? 'step' : 'steps'}. Use “Save run” first to keep
        them.
      </span>
      <button ref={stay} data-testid="btn-update-cancel" onClick={onCancel}>
        Keep the run
      </button>
      <button className="secondary" data-testid="btn-update-anyway" onClick={onReload}>
        Reload anyway
      </button>
    </div>
  );
}
