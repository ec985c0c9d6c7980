/** Save run, open run and download model: what the header buttons do. */
import { requestModel, requestRestore, sendToEngine } from '../state/engineBridge';
import { useLab, type LabStore } from '../state/store';
import { downloadAll, downloadBlob } from './download';
import { modelFiles, weightsOf } from './modelFiles';
import { isLogValue, logFromValue, type LoggedRun } from './logFile';
import { loggedRunView } from './logView';
import { parseJsonText, RUN_FORMAT, RUN_VERSION, runFromValue, serializeRun, type RunFile } from './runFile';

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Pauses a running engine first: the worker answers with the weights after posting a snapshot of
 * the same step, so the file's weights, curves and panels all belong to one step.
 */
export async function saveRun(store: LabStore = useLab): Promise<RunFile | null> {
  const before = store.getState();
  if (before.viewed) {
    before.notify({ level: 'warn', text: 'A logged run is view only: its file is already the saved run.' });
    return null;
  }
  if (!before.dataset) {
    before.notify({ level: 'warn', text: 'Nothing to save yet: the training engine is still starting.' });
    return null;
  }
  if (before.running) sendToEngine({ type: 'pause' }, store);
  try {
    const model = await requestModel(store);
    const s = store.getState();
    if (!s.dataset) throw new Error('the run was reset while saving');
    const run: RunFile = {
      format: RUN_FORMAT,
      version: RUN_VERSION,
      savedAt: new Date().toISOString(),
      params: s.params,
      step: model.step,
      stage: model.stage,
      dataset: s.dataset,
      history: s.history,
      steps: s.steps,
      snapshot: s.snapshot,
      weights: weightsOf(model),
      training: model.training,
      selectedImage: s.selectedImage,
    };
    downloadBlob(new Blob([serializeRun(run)], { type: 'application/json' }), `balance-lab-run-step-${run.step}.json`);
    if (before.running) s.notify({ level: 'info', text: `Training paused to save the run at step ${run.step}.` });
    return run;
  } catch (err) {
    store.getState().notify({ level: 'error', text: `Could not save the run: ${errorText(err)}` });
    return null;
  }
}

function savedWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/**
 * Shows a logged run (view only): the engine is paused and compare mode ends, since neither can
 * go on from a run without weights (docs/python-logger.md).
 */
function viewLog(log: LoggedRun, fileName: string, store: LabStore): void {
  const s = store.getState();
  if (s.running) sendToEngine({ type: 'pause' }, store);
  if (s.view.compare) s.setView({ compare: null });
  const { run, viewed } = loggedRunView(log, s.params, fileName);
  s.viewRun(run, viewed);
  const items = log.last.n === 1 ? '1 item' : `${log.last.n} items`;
  s.notify({
    level: 'info',
    text: `Opened the logged run “${log.name}” (${log.writer}), last step ${log.step}: ${log.history.length} history points, ${items} of ${log.last.height}×${log.last.width} px. View only: Reset starts a new lab run.`,
  });
}

/** Reads a saved run or a logged run; a bad file gives a notice and changes nothing. */
export async function openRun(file: Blob, store: LabStore = useLab): Promise<boolean> {
  const json = parseJsonText(await file.text());
  if (json.ok && isLogValue(json.value)) {
    const log = logFromValue(json.value);
    if (log.ok) viewLog(log.log, file instanceof File ? file.name : 'run.json', store);
    else store.getState().notify({ level: 'error', text: log.error });
    return log.ok;
  }
  const parsed = json.ok ? runFromValue(json.value) : json;
  if (!parsed.ok) {
    store.getState().notify({ level: 'error', text: parsed.error });
    return false;
  }
  const run = parsed.run;
  try {
    await requestRestore(
      {
        params: run.params,
        source: run.dataset.source,
        weights: run.weights,
        step: run.step,
        stage: run.stage,
        training: run.training,
      },
      ({ runId }) => {
        // The worker's restored run has a new id; the saved view takes it so that the run's next
        // snapshots extend these curves. Messages of the run it replaced all came before this one.
        store.getState().restoreRun({
          params: run.params,
          dataset: { ...run.dataset, runId },
          history: run.history,
          steps: run.steps,
          snapshot: run.snapshot ? { ...run.snapshot, runId } : null,
          liveStep: run.step,
          selectedImage: run.selectedImage,
        });
        store.getState().notify({
          level: 'info',
          text: run.training
            ? `Restored run saved ${savedWhen(run.savedAt)} at step ${run.step}; training continues exactly where it stopped (weights, optimiser state and batch order).`
            : `Restored run saved ${savedWhen(run.savedAt)} at step ${run.step}; training continues from its weights (this file has no optimiser state, so it restarts).`,
        });
      },
      store,
    );
    return true;
  } catch (err) {
    store.getState().notify({ level: 'error', text: `Could not restore the run: ${errorText(err)}` });
    return false;
  }
}

/** model.json and the weights binary, as tf.io.browserDownloads would write them. */
export async function downloadModel(store: LabStore = useLab): Promise<void> {
  try {
    await downloadAll(modelFiles(await requestModel(store)));
  } catch (err) {
    store.getState().notify({ level: 'error', text: `Could not download the model: ${errorText(err)}` });
  }
}
