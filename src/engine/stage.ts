import type { LossId } from '../core/lossInfo';
import type { StageCheckResult } from '../core';
import type { SwitchMode } from '../params/schema';

export type Stage = 1 | 2;

export interface StageState {
  stage: Stage;
  /** Step after which stage 2 began; null while in stage 1 or when it was stage 2 from the start. */
  switchedAt: number | null;
  /** Why the stage is what it is, in one sentence for the UI. */
  reason: string;
}

/**
 * The two-stage schedule of Algorithm 1 (docs/design.md §1.4) with the UI's overrides. Stage 1 trains
 * with Intra-CBL; the switch to the Balance loss is for good, except under 'never'.
 */
export class StageMachine {
  private state: StageState;
  private mode: SwitchMode;

  constructor(mode: SwitchMode) {
    this.mode = mode;
    this.state =
      mode === 'fromStart'
        ? {
            stage: 2,
            switchedAt: null,
            reason: 'Stage 2 from the start (override): Inter-CBL acts on an untrained network.',
          }
        : { stage: 1, switchedAt: null, reason: 'Stage 1: Intra-CBL until Algorithm 1 sees convergence.' };
  }

  get current(): StageState {
    return this.state;
  }

  /** Applies a new override at step `step` (the number of steps done so far). */
  setMode(mode: SwitchMode, step: number): void {
    this.mode = mode;
    if (mode === 'now' || mode === 'fromStart') {
      if (this.state.stage === 1)
        this.state = { stage: 2, switchedAt: step, reason: `Switched by hand after step ${step}.` };
    } else if (mode === 'never') {
      this.state = { stage: 1, switchedAt: null, reason: 'Never switch (override): Intra-CBL only.' };
    } else if (this.state.stage === 1) {
      this.state = { ...this.state, reason: 'Stage 1: Intra-CBL until Algorithm 1 sees convergence.' };
    }
  }

  /** Algorithm 1, lines 13–15: after a stage-1 step, switch once the batch passes. */
  afterStep(step: number, check: StageCheckResult | null): void {
    if (this.mode !== 'auto' || this.state.stage === 2 || !check?.converged) return;
    this.state = {
      stage: 2,
      switchedAt: step,
      reason: `Switched after step ${step}: numF ${check.numF} and numB ${check.numB} ≥ n/2 = ${check.n / 2}.`,
    };
  }

  /** Takes over another machine's state and override (a run moving to another backend). */
  restore(from: StageMachine): void {
    this.mode = from.mode;
    this.state = { ...from.state };
  }

  /** Puts back a saved state (a run file re-opened); the override stays this machine's. */
  restoreState(saved: StageState): void {
    this.state = { ...saved };
  }

  /** Whether the next step should run the switch test. */
  get wantsCheck(): boolean {
    return this.mode === 'auto' && this.state.stage === 1;
  }
}

/** The loss a run trains with in a stage: Balance trains Intra-CBL until the switch (Algorithm 1). */
export function trainedLossAt(loss: LossId, stage: 1 | 2): LossId {
  return loss === 'balance' && stage === 1 ? 'intra' : loss;
}
