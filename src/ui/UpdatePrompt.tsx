import { useRegisterSW } from 'virtual:pwa-register/react';
import { useLab } from '../state/store';

/**
 * Registers the service worker of the build (vite-plugin-pwa, Workbox) and asks before a new
 * deployment takes over: a lecture never changes under the teacher's hands. In dev mode the
 * plugin registers nothing and this renders nothing. While presenting, the message waits until
 * presentation mode ends: nothing lies over the figures in front of a room (issue 23).
 */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW();
  const presenting = useLab((s) => s.view.presentation);
  if (presenting || (!needRefresh && !offlineReady)) return null;
  return (
    <div className="update-prompt" role="status" data-testid={needRefresh ? 'update-prompt' : 'offline-ready'}>
      {needRefresh ? (
        <>
          <span>A new version of the lab is available.</span>
          <button data-testid="btn-update" onClick={() => void updateServiceWorker(true)}>
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
