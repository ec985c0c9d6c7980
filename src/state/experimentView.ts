/**
 * The Experiments section in a link: `x=1` opens it, `x.<argument>=<value>` carries the sweep's
 * configuration (only what differs from the defaults), with the CLI's argument names and checks.
 */
import { create } from 'zustand';
import {
  DEFAULT_SWEEP,
  parseSweepArgs,
  SweepArgError,
  sweepArgNames,
  sweepArgsOf,
  isSweepArg,
  type SweepArg,
} from '../experiments/config';
import type { SweepConfig } from '../experiments/types';

export const EXPERIMENT_KEY = 'x';
const PREFIX = 'x.';

interface ExperimentView {
  open: boolean;
  /** The sweep the form shows (and the link carries). */
  config: SweepConfig;
  setOpen: (open: boolean) => void;
  setConfig: (config: SweepConfig) => void;
}

export const useExperimentView = create<ExperimentView>((set) => ({
  open: false,
  config: DEFAULT_SWEEP,
  setOpen: (open) => set({ open }),
  setConfig: (config) => set({ config }),
}));

export const isExperimentKey = (key: string): boolean => key === EXPERIMENT_KEY || key.startsWith(PREFIX);

/** Reads the section's state from a query string; a bad argument is dropped and reported. */
export function experimentFromQuery(search: string): { open: boolean; config: SweepConfig; problems: string[] } {
  const query = new URLSearchParams(search);
  const problems: string[] = [];
  const args: Partial<Record<SweepArg, string>> = {};
  for (const [key, value] of query) {
    if (!key.startsWith(PREFIX)) continue;
    const name = key.slice(PREFIX.length);
    if (isSweepArg(name)) args[name] = value;
    else problems.push(`Unknown experiment parameter “${key}” ignored`);
  }
  let config = DEFAULT_SWEEP;
  for (const name of sweepArgNames) {
    if (args[name] === undefined) continue;
    try {
      config = parseSweepArgs({ [name]: args[name] }, config);
    } catch (err) {
      if (!(err instanceof SweepArgError)) throw err;
      problems.push(`Experiment: ${err.message}; using the default`);
    }
  }
  return { open: query.get(EXPERIMENT_KEY) === '1' || Object.keys(args).length > 0, config, problems };
}

/** Query entries for the section; nothing at all while it is closed. */
export function experimentQueryEntries(): [string, string][] {
  const { open, config } = useExperimentView.getState();
  if (!open) return [];
  const now = sweepArgsOf(config);
  const defaults = sweepArgsOf(DEFAULT_SWEEP);
  return [
    [EXPERIMENT_KEY, '1'],
    ...sweepArgNames.filter((a) => now[a] !== defaults[a]).map((a): [string, string] => [PREFIX + a, now[a]]),
  ];
}
