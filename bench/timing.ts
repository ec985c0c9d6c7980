/** Shared benchmark helpers: interleaved timing so that machine noise hits both sides alike. */
export interface Timing {
  medianMs: number;
  p95Ms: number;
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95) };
}

/** Runs each named task `rounds` times, alternating between them, after `warmup` rounds. */
export async function interleaved(
  tasks: Record<string, () => unknown>,
  rounds: number,
  warmup = 3,
): Promise<Record<string, Timing>> {
  const names = Object.keys(tasks);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < warmup + rounds; r++) {
    for (const name of names) {
      const start = performance.now();
      await tasks[name]();
      if (r >= warmup) samples[name].push(performance.now() - start);
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarise(samples[n])]));
}

export const round = (x: number, digits = 3): number => Number(x.toFixed(digits));
