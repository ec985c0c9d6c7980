import type { SweepProgress } from '../src/experiments/runSweep';
import type { RunResult } from '../src/experiments/types';

const fmtTime = (s: number): string =>
  s >= 3600
    ? `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`
    : s >= 60
      ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`
      : `${Math.round(s)} s`;

/** A redrawn bar on a terminal; on a pipe or file, one plain line per finished run. */
export function progressReporter(stream: NodeJS.WriteStream, totalRuns: number) {
  const start = performance.now();
  const tty = stream.isTTY === true;
  let lastDraw = 0;
  const eta = (done: number, total: number): string => {
    const elapsed = (performance.now() - start) / 1000;
    return done > 0 ? fmtTime((elapsed / done) * (total - done)) : '…';
  };
  return {
    step(p: SweepProgress): void {
      if (!tty) return;
      const now = performance.now();
      if (now - lastDraw < 200 && p.done < p.total) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round((width * p.done) / p.total);
      stream.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] run ${p.run + 1}/${p.runs}, step ${p.step}, ETA ${eta(p.done, p.total)}   `,
      );
    },
    run(r: RunResult, index: number, done: number, total: number): void {
      const line = `run ${index + 1}/${totalRuns} ${r.loss}${r.switch && r.switch !== 'auto' ? ` (${r.switch})` : ''} 1:${r.ratio} seed ${r.seed}: Dice ${r.final.dice.toFixed(3)}, recall ${r.final.recall.toFixed(3)}${r.switchStep !== null ? `, switched after step ${r.switchStep}` : ''}${r.divergedAt !== null ? `, diverged at step ${r.divergedAt}` : ''}; elapsed ${fmtTime((performance.now() - start) / 1000)}, ETA ${eta(done, total)}`;
      stream.write(tty ? `\r${line}\x1b[K\n` : `${line}\n`);
    },
    seconds: (): number => (performance.now() - start) / 1000,
  };
}
