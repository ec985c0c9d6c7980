/**
 * A series of a sweep: one loss, and for the Balance loss one switch mode — what a line in the
 * plots and a row group in the table stand for.
 */
import { lossInfo, type LossId } from '../core/lossInfo';
import { SWEEP_SWITCHES, type SweepSwitch } from './types';

export interface Series {
  loss: LossId;
  switch: SweepSwitch | null;
}

/** 'balance' for the default (automatic) schedule, 'balance-fromStart' for an override. */
export const seriesKey = (s: Series): string =>
  s.switch === null || s.switch === 'auto' ? s.loss : `${s.loss}-${s.switch}`;

export const inSeries = (r: Series, s: Series): boolean => r.loss === s.loss && r.switch === s.switch;

/** The series present in `rows`, in the order of `losses`, then of the switch modes. */
export function seriesIn(losses: readonly LossId[], rows: readonly Series[]): Series[] {
  const out: Series[] = [];
  for (const loss of losses)
    for (const sw of [...SWEEP_SWITCHES, null])
      if (rows.some((r) => r.loss === loss && r.switch === sw)) out.push({ loss, switch: sw });
  return out;
}

/** A series in words: the loss, and for an overridden Balance schedule its mode. */
export function seriesLabel(s: Series): string {
  const name = lossInfo[s.loss].label;
  if (s.switch === null || s.switch === 'auto') return name;
  return `${name} (${s.switch === 'fromStart' ? 'stage 2 from the start' : 'never switched'})`;
}

/** Line dashes: solid for the automatic schedule, dashed from the start, dotted never. */
export const SERIES_DASH: Record<SweepSwitch, string | null> = { auto: null, fromStart: '6 3', never: '2 2' };
