import type { Params } from '../params/schema';
import { resetWebgpuBackend, selectBackend, TRAINING_BACKENDS, trySetBackend, webgpuDevice } from './backend';
import { orderFromChoice, orderFromProbe, probeBackends, unetWorkload } from './probe';
import { failedReply } from './protocol';
import type { BackendName, BackendReport, FromWorker, Notice, ProbeReport, ToWorker } from './protocol';
import { deviceLostText, disposeLost } from './deviceLoss';
import { importedDataFor } from './restoreChecks';
import { SnapshotBudget } from './snapshotBudget';
import type { TrainingData } from '../data/trainingData';
import { needsReset, snapshotBuffers, Trainer } from './trainer';
import { StepRate } from './stepRate';
import { UserDataCache } from './userDataCache';

type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

/**
 * The worker's brain, kept free of worker globals so it can be driven in tests: owns a Trainer,
 * the run/pause loop, throttled snapshots, NaN pauses and backend fallback on device loss.
 */
export class Runner {
  private trainer: Trainer | null = null;
  private params: Params | null = null;
  private backend: BackendName = 'cpu';
  private remainingBackends: BackendName[] = [];
  /** Candidates allowed by the page (`?backends=`), and the probe verdict once there is one. */
  private allowedBackends: readonly BackendName[] = TRAINING_BACKENDS;
  private probe: ProbeReport | null = null;
  private running = false;
  private loopActive = false;
  /** The WebGPU device whose loss is being watched, if any. */
  private watchedDevice: object | null = null;
  private runId = 0;
  private readonly budget = new SnapshotBudget();
  private readonly rate = new StepRate();
  private busy: Promise<void> = Promise.resolve();
  /** Run and step of the last snapshot posted. */
  private lastSnapshot = { runId: -1, step: -1 };
  /**
   * After a restore the UI shows the saved snapshot (with its batch predictions, which a fresh
   * trainer does not have): no snapshot is posted until the restored run takes a step.
   */
  private restoredAt: { runId: number; step: number } | null = null;
  /** The user's imported pairs, or none for the synthetic scans; kept across resets and fallbacks. */
  private readonly imported = new UserDataCache();

  constructor(private readonly post: Post) {}

  handle(msg: ToWorker): void {
    // Commands are serialised so that a reset never interleaves with a step.
    this.busy = this.busy.then(() => this.dispatch(msg)).catch((err: unknown) => this.fatal(err));
  }

  private async dispatch(msg: ToWorker): Promise<void> {
    switch (msg.type) {
      case 'init':
        this.params = msg.params;
        this.allowedBackends = msg.backends ?? TRAINING_BACKENDS;
        this.probe = msg.probeCache ? { ...msg.probeCache, cached: true } : null;
        await this.chooseBackend();
        await this.newRun();
        break;
      case 'setParams':
        await this.setParams(msg.params);
        break;
      case 'run':
        this.running = true;
        this.postState();
        this.loop();
        break;
      case 'pause':
        this.running = false;
        this.postState();
        break;
      case 'step':
        for (let i = 0; i < (msg.count ?? 1); i++) if (!(await this.stepOnce())) break;
        await this.sendSnapshot();
        break;
      case 'reset':
        this.running = false;
        await this.newRun();
        break;
      case 'snapshot':
        await this.sendSnapshot();
        break;
      case 'exportModel':
        await this.exportModel(msg.requestId);
        break;
      case 'restore':
        await this.restore(msg);
        break;
      case 'setData':
        this.imported.set(msg.data);
        this.running = false;
        await this.newRun();
        break;
      case 'debugLoseDevice':
        webgpuDevice()?.destroy();
        break;
    }
  }

  private notice(level: Notice['level'], text: string): void {
    this.post({ type: 'notice', notice: { level, text } });
  }

  private fatal(err: unknown): void {
    this.running = false;
    this.post({ type: 'fatal', text: failedReply(err).error });
  }

  private postState(): void {
    this.post({ type: 'state', running: this.running, step: this.trainer?.stepCount ?? 0 });
  }

  /**
   * Sets the backend the `backend` parameter asks for: the user's choice first, or with 'auto'
   * the fastest by the probe (run once per browser; the cached verdict is reused when every
   * backend it timed is still a candidate here). The rest stay as fallbacks, in order.
   */
  private async chooseBackend(): Promise<void> {
    const choice = this.params?.backend ?? 'auto';
    const allowed = this.allowedBackends;
    if (choice !== 'auto') {
      await this.useNextBackend(orderFromChoice(choice, allowed), allowed.includes(choice) ? 'user' : 'order');
      return;
    }
    if (allowed.length === 1) {
      await this.useNextBackend([...allowed], 'order');
      return;
    }
    const cacheFits = this.probe?.results.some((r) => r.msPerStep !== null && allowed.includes(r.backend));
    if (!this.probe || !cacheFits) {
      this.probe = await probeBackends(allowed, {
        workload: () => unetWorkload(this.params as Params),
        start: trySetBackend,
      });
    }
    await this.useNextBackend(orderFromProbe(this.probe, allowed), 'probe');
  }

  private async useNextBackend(order?: BackendName[], choice?: BackendReport['choice']): Promise<void> {
    if (order) this.remainingBackends = order;
    const selected = await selectBackend(this.remainingBackends);
    const report: BackendReport = {
      ...selected,
      choice: choice ?? 'order',
      ...(choice === 'probe' && this.probe ? { probe: this.probe } : {}),
    };
    this.backend = report.backend;
    this.remainingBackends = this.remainingBackends.slice(this.remainingBackends.indexOf(report.backend) + 1);
    this.post({ type: 'backend', report });
    this.watchDevice();
  }

  /**
   * tfjs never listens to device.lost (docs/design.md §1.5): recovery is ours. One handler per
   * device: choosing WebGPU again on the same device (webgpu → wasm → webgpu) adds none.
   */
  private watchDevice(): void {
    const device = webgpuDevice();
    if (!device || device === this.watchedDevice) return;
    this.watchedDevice = device;
    void device.lost.then((info) => this.onDeviceLost(info, device));
  }

  /** The user's data at the current training size, or undefined for the synthetic scans. */
  private userData(): TrainingData | undefined {
    return this.imported.at(Number((this.params as Params).size));
  }

  private async newRun(): Promise<void> {
    const params = this.params as Params;
    this.trainer?.dispose();
    this.runId++;
    this.trainer = new Trainer(params, this.runId, undefined, this.userData());
    const info = this.trainer.datasetInfo();
    this.post({ type: 'dataset', info }, [info.valImages.buffer, info.valMasks.buffer]);
    this.rate.reset();
    this.budget.reset();
    await this.sendSnapshot();
    this.postState();
  }

  private async setParams(next: Partial<Params>): Promise<void> {
    const params = this.params as Params;
    const reset = needsReset(params, next);
    this.params = { ...params, ...next };
    if (next.backend !== undefined && next.backend !== params.backend && !reset) {
      await this.moveToChosenBackend();
      this.trainer?.setParams(next);
    } else if (reset) {
      if (next.backend !== undefined && next.backend !== params.backend) {
        this.trainer?.dispose();
        this.trainer = null;
        await this.chooseBackend();
      }
      // A playing run keeps playing: the loop's next step is queued behind this command and
      // takes the new trainer (no transient "paused" state reaches the UI).
      await this.newRun();
      if (this.running) this.loop();
    } else {
      // Live parameters change future steps only, never the current predictions: the UI already
      // re-renders t and ε from cached arrays, so no snapshot is needed here.
      this.trainer?.setParams(next);
    }
  }

  /** One step, posted as progress; false when training must stop (NaN). */
  private async stepOnce(): Promise<boolean> {
    const trainer = this.trainer as Trainer;
    const started = performance.now();
    const outcome = await trainer.step();
    if (outcome.kind === 'nan') {
      this.running = false;
      this.notice('error', outcome.message);
      this.postState();
      return false;
    }
    this.rate.count();
    const { record } = outcome;
    this.post({ type: 'progress', step: record.step, runId: this.runId, record, stepMs: performance.now() - started });
    return true;
  }

  /**
   * Starts the training loop unless one is active. A loop that is finishing (its last snapshot
   * still reading back) checks `running` again once it has ended, so a 'run' that arrived in
   * that window is never lost (a backend move or restart while playing used to freeze the run).
   */
  private loop(): void {
    if (this.loopActive) return;
    this.loopActive = true;
    void this.runLoop().finally(() => {
      this.loopActive = false;
      if (this.running) this.loop();
    });
  }

  private async runLoop(): Promise<void> {
    while (this.running) {
      const started = performance.now();
      // A pause, reset or restore queued before this step stops it from running.
      const ok = await this.busyFree(() => (this.running ? this.stepOnce() : Promise.resolve(false)));
      // The first step's snapshot comes at once, so every panel has data after one step
      // however slow steps are; after that the budget decides (snapshotBudget.ts).
      const first = ok && this.trainer?.stepCount === 1;
      if (first || this.budget.due(performance.now())) await this.busyFree(() => this.sendSnapshot());
      // Yield a macrotask so that pause/param messages get in; slow down per the speed control.
      const speed = this.params?.speed ?? 1;
      const pause = speed >= 1 ? 0 : ((performance.now() - started) * (1 - speed)) / speed;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
    await this.busyFree(() => this.sendSnapshot());
    // No state message: the command that stopped the loop posts its own. One from here reached
    // the UI in the middle of a backend move, showing "paused" until the move ended (issue 18).
  }

  /** Runs work in the command queue, so loop steps and commands never overlap. */
  private busyFree<T>(work: () => Promise<T>): Promise<T | undefined> {
    const result = this.busy.then(work);
    this.busy = result.then(
      () => undefined,
      (err: unknown) => this.fatal(err),
    );
    return result.catch(() => undefined);
  }

  private async sendSnapshot(): Promise<void> {
    if (!this.trainer) return;
    if (this.restoredAt?.runId === this.runId && this.restoredAt.step === this.trainer.stepCount) return;
    const now = performance.now();
    const snapshot = await this.trainer.snapshot(this.backend, this.rate.read(now));
    this.budget.record(now, performance.now());
    this.lastSnapshot = { runId: snapshot.runId, step: snapshot.step };
    this.post({ type: 'snapshot', snapshot }, snapshotBuffers(snapshot));
  }

  /**
   * Posts the model artifacts. A snapshot of the same step goes first when the UI's is older, so
   * that a run saved right after a pause holds weights and views of one and the same step.
   */
  private async exportModel(requestId: number): Promise<void> {
    try {
      const trainer = this.trainer;
      if (!trainer) throw new Error('There is no model yet: the engine is still starting.');
      if (this.lastSnapshot.runId !== this.runId || this.lastSnapshot.step !== trainer.stepCount)
        await this.sendSnapshot();
      const model = await trainer.exportModel();
      this.post({ type: 'model', requestId, reply: { ok: true, value: model } }, [model.weightData]);
    } catch (err) {
      this.post({ type: 'model', requestId, reply: failedReply(err) });
    }
  }

  /** Replaces the run by a saved one; on a mismatch the current run stays as it was. */
  private async restore(msg: Extract<ToWorker, { type: 'restore' }>): Promise<void> {
    const { requestId } = msg;
    this.running = false;
    let trainer: Trainer | null = null;
    let data: TrainingData | undefined;
    try {
      data = importedDataFor(msg.source, () => this.imported.peek(Number(msg.params.size)));
      trainer = new Trainer(msg.params, this.runId + 1, undefined, data);
      await trainer.restore(msg);
    } catch (err) {
      trainer?.dispose();
      this.post({ type: 'restored', requestId, reply: failedReply(err) });
      this.postState();
      return;
    }
    this.trainer?.dispose();
    this.params = msg.params;
    // Later resets start from the restored run's data.
    this.imported.adopt(data);
    this.runId++;
    this.trainer = trainer;
    this.restoredAt = { runId: this.runId, step: trainer.stepCount };
    this.rate.reset();
    this.post({
      type: 'restored',
      requestId,
      reply: { ok: true, value: { runId: this.runId, step: trainer.stepCount } },
    });
    this.postState();
  }

  /**
   * The user picked another backend: the run moves over at its current step (weights, optimiser
   * state, batch position and stage), as after a lost device but without losing any step.
   */
  private async moveToChosenBackend(): Promise<void> {
    const old = this.trainer;
    const wasRunning = this.running;
    this.running = false;
    if (!old) {
      await this.chooseBackend();
      return;
    }
    // The steps since the last snapshot reach the UI before the trainer that holds them goes.
    await this.sendSnapshot();
    const fresh = await old.takeCheckpoint();
    const checkpoint = old.lastCheckpoint;
    if (!fresh)
      this.notice(
        'warn',
        `The weights were not finite; continuing on the new backend from step ${checkpoint?.step ?? 0}.`,
      );
    old.dispose();
    this.trainer = null;
    await this.chooseBackend();
    await this.continueFrom(old, checkpoint);
    this.resumeState(wasRunning);
  }

  /**
   * A WebGPU device was lost. Training on WebGPU moves to the next backend from the last host
   * checkpoint (the GPU copy is gone); training elsewhere is left alone. Either way the backend
   * is dropped with its factory kept, so WebGPU can be chosen again on a new device.
   */
  private async onDeviceLost(info: { reason?: string; message?: string }, device: object): Promise<void> {
    if (device !== this.watchedDevice) return;
    this.watchedDevice = null;
    const old = this.trainer;
    if (this.backend !== 'webgpu' || !old) {
      await this.busyFree(async () => resetWebgpuBackend());
      return;
    }
    const wasRunning = this.running;
    this.running = false;
    const checkpoint = old.lastCheckpoint;
    const canContinue = this.remainingBackends.length > 0;
    this.notice(canContinue ? 'warn' : 'error', deviceLostText(info, canContinue ? (checkpoint?.step ?? 0) : null));
    await this.busyFree(async () => {
      // The trainer goes while its backend still exists: disposing tensors of a removed
      // backend would make tfjs initialise the best registered one (WebGPU again) on the spot.
      if (canContinue) disposeLost(old);
      resetWebgpuBackend();
      if (!canContinue) return;
      await this.useNextBackend();
      await this.continueFrom(old, checkpoint);
    });
    this.resumeState(wasRunning && canContinue);
  }

  /** The run on the backend just chosen: a new trainer from the host checkpoint with the old one's stage. */
  private async continueFrom(old: Trainer, checkpoint: Trainer['lastCheckpoint']): Promise<void> {
    const trainer = new Trainer(this.params as Params, this.runId, undefined, this.userData());
    if (checkpoint) await trainer.resumeFrom(checkpoint);
    trainer.restoreStage(old);
    this.trainer = trainer;
    await this.sendSnapshot();
  }

  /** After a backend move the run plays again if it played before; the UI hears the state either way. */
  private resumeState(wasRunning: boolean): void {
    if (wasRunning) this.running = true;
    this.postState();
    if (this.running) this.loop();
  }
}
