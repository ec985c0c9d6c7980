/** What the runner says and does when a WebGPU device is lost (docs/design.md §1.5). */
import type { Trainer } from './trainer';

/** The notice for a lost device: where the run continues, or that it cannot. */
export function deviceLostText(info: { reason?: string; message?: string }, fromStep: number | null): string {
  const what = `The WebGPU device was lost (${info.reason ?? 'unknown'}${info.message ? `: ${info.message}` : ''}).`;
  return fromStep === null
    ? `${what} No other backend is left to continue on: reload the page.`
    : `${what} Continuing on the next backend from step ${fromStep}.`;
}

export function disposeLost(trainer: Trainer): void {
  try {
    trainer.dispose();
  } catch {
    // The lost device cannot free its buffers; nothing else holds them.
  }
}
