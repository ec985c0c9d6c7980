/**
 * Atomic results files (issue 18): a write cut short (a kill while the bytes go out, or before
 * the rename) leaves the previous results whole, never half a JSON.
 */
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SWEEP } from '../../src/experiments/config';
import { readResults } from '../../src/experiments/readResults';
import type { SweepResults } from '../../src/experiments/types';
import { writeResults } from '../../scripts/experimentFiles';

/** Which write dies, and how: half the bytes written then a throw, or a throw at the rename. */
const fault: { on: 'write' | 'rename' | null } = { on: null };

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return {
    ...real,
    writeFileSync: (path: string, text: string) => {
      if (fault.on === 'write' && String(path).includes('.json')) {
        real.writeFileSync(path, text.slice(0, text.length >> 1));
        throw new Error('killed mid-write');
      }
      real.writeFileSync(path, text);
    },
    renameSync: (from: string, to: string) => {
      if (fault.on === 'rename' && String(to).endsWith('.json')) throw new Error('killed before the rename');
      real.renameSync(from, to);
    },
  };
});

const results = (steps: number): SweepResults => ({
  config: { ...DEFAULT_SWEEP, losses: ['bce'], ratios: [10], seeds: [1], steps },
  runs: [],
  summary: [],
});

afterEach(() => {
  fault.on = null;
});

describe('writeResults', () => {
  it('writes the JSON and its CSVs whole, leaving no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    writeResults(join(dir, 'r.json'), results(5));
    expect(readdirSync(dir).sort()).toEqual(['r.csv', 'r.curves.csv', 'r.json', 'r.summary.csv']);
    expect(readResults(readFileSync(join(dir, 'r.json'), 'utf8')).config.steps).toBe(5);
  });

  it.each(['write', 'rename'] as const)('keeps the previous JSON whole when a write dies at the %s', (where) => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const out = join(dir, 'r.json');
    writeResults(out, results(5));
    fault.on = where;
    expect(() => writeResults(out, results(7))).toThrow(/killed/);
    expect(readResults(readFileSync(out, 'utf8')).config.steps).toBe(5);
  });
});
