/**
 * Which sliders the dock shows (issue 19 item 3, issue 23 item 1): the ones that move the figures
 * on screen. Fig. 2 and the concept explorer move with t and ε (and, while presenting, the
 * explorer's b/f); the training panels also with t_h and a.
 */
import { schema, type ParamKey, type Params } from '../../params/schema';

export type DockVariant = 'phone' | 'present';
export type DockGroup = 'concept' | 'training';

/**
 * The elements whose visibility decides the sliders. On a phone only Fig. 2 itself counts, since
 * that is the figure to watch while moving t; on a projector the whole section does.
 */
export const WATCHED: Record<DockVariant, Record<string, DockGroup>> = {
  phone: { 'concept-sorted': 'concept', 'train-sorted-fp': 'training', 'train-sorted-fn': 'training' },
  present: { 'concept-explorer': 'concept', 'training-section': 'training' },
};

const GROUP_PARAMS: Record<DockVariant, Record<DockGroup, ParamKey[]>> = {
  phone: { concept: ['t', 'eps'], training: ['t', 'eps', 'tHard', 'a'] },
  present: { concept: ['t', 'eps', 'conceptRatio'], training: ['t', 'eps', 'tHard', 'a'] },
};

/** Sliders that move only the concept explorer. */
const CONCEPT_ONLY: ParamKey[] = ['conceptRatio', 'conceptQuality'];

/** One order for every set, so a slider keeps its place when another one joins. */
const ORDER: ParamKey[] = ['t', 'eps', 'conceptRatio', 'conceptQuality', 'tHard', 'a'];

/** Labels short enough for two sliders side by side on a 360 px phone. */
export const DOCK_LABELS: Partial<Record<ParamKey, string>> = {
  t: 'Threshold t',
  eps: 'ε',
  tHard: 'Hard t_h',
  a: 'Mix a',
  conceptRatio: 'Explorer b/f',
  conceptQuality: 'Quality',
};

/** A scenario's own live sliders (“Drag ‘Explorer b/f’”): numbers it sets that need no restart. */
export function liveNumbers(params: Partial<Params>): ParamKey[] {
  return (Object.keys(params) as ParamKey[]).filter((k) => schema[k].kind === 'number' && !schema[k].resets);
}

export interface DockInput {
  variant: DockVariant;
  visible: ReadonlySet<DockGroup>;
  /** Sliders the current scenario names (presentation only). */
  scenario: readonly ParamKey[];
  hidden: readonly ParamKey[] | 'all';
}

/** The dock's sliders, in a fixed order; none when nothing it moves is on screen (phones). */
export function dockParams({ variant, visible, scenario, hidden }: DockInput): ParamKey[] {
  if (hidden === 'all') return [];
  const wanted = new Set<ParamKey>();
  for (const g of visible) for (const k of GROUP_PARAMS[variant][g]) wanted.add(k);
  if (variant === 'present') {
    // Presenting means moving t and ε live, wherever the page is; the explorer's own sliders a
    // scenario names join while the explorer is in view.
    const here = (k: ParamKey): boolean => !CONCEPT_ONLY.includes(k) || visible.has('concept');
    for (const k of ['t', 'eps', ...scenario.filter(here)] as ParamKey[]) wanted.add(k);
  }
  const ordered = [...ORDER.filter((k) => wanted.has(k)), ...[...wanted].filter((k) => !ORDER.includes(k))];
  return ordered.filter((k) => !hidden.includes(k));
}
