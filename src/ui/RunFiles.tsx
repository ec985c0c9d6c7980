import { useRef, useState } from 'react';
import { downloadModel, openRun, saveRun } from '../export/runActions';
import { useLab } from '../state/store';

const button: React.CSSProperties = {
  border: '1px solid var(--line)',
  background: '#fff',
  borderRadius: 8,
  padding: '5px 10px',
  cursor: 'pointer',
  whiteSpace: 'nowrap',
};

/** Header buttons: save the whole run as JSON, open one, download the trained model. */
export function RunFiles() {
  const ready = useLab((s) => s.dataset !== null);
  // A logged run on view has no weights to save or download; opening another file still works.
  const viewed = useLab((s) => s.viewed !== null);
  const [busy, setBusy] = useState<'save' | 'open' | 'model' | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  const off = !ready || busy !== null;
  const dim = { ...button, opacity: 0.45, cursor: 'default' };
  const style = off ? dim : button;
  const ownRunStyle = off || viewed ? dim : button;

  const run = async (kind: 'save' | 'open' | 'model', work: () => Promise<unknown>): Promise<void> => {
    setBusy(kind);
    try {
      await work();
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="run-files" style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
      <button
        style={ownRunStyle}
        data-testid="btn-save-run"
        disabled={off || viewed}
        onClick={() => void run('save', () => saveRun())}
        title="Save parameters, curves, the last snapshot and the weights as one JSON file (pauses training)"
      >
        {busy === 'save' ? 'Saving…' : 'Save run'}
      </button>
      <button
        style={style}
        data-testid="btn-open-run"
        disabled={off}
        onClick={() => input.current?.click()}
        title="Open a saved run (training continues from its weights) or a run logged with the Python logger (view only)"
      >
        {busy === 'open' ? 'Opening…' : 'Open run'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        data-testid="input-open-run"
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void run('open', () => openRun(file));
        }}
      />
      <button
        style={ownRunStyle}
        data-testid="btn-download-model"
        disabled={off || viewed}
        onClick={() => void run('model', () => downloadModel())}
        title="Download the trained U-Net as a TensorFlow.js layers model (model.json + weights.bin)"
      >
        {busy === 'model' ? 'Preparing…' : 'Download model'}
      </button>
    </div>
  );
}
