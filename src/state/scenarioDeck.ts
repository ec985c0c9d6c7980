/**
 * The five built-in scenarios as a ready-made deck: each slide is the scenario's view (sized for
 * this machine, like a scenario button) with its title and narrative as the note, the panel it
 * points at first on screen and its highlighted term.
 */
import type { Params } from '../params/schema';
import type { SlideContent } from './deck';
import { SCENARIOS, scenarioState } from './scenarios';
import { queryFromParams } from './url';
import { VIEW_KEYS } from './view';
import { isExperimentKey } from './experimentView';

/** A query without the keys `drop` names ('' when nothing is left). */
export function queryWithout(query: string, drop: (key: string) => boolean): string {
  const q = new URLSearchParams(query);
  for (const key of [...q.keys()]) if (drop(key)) q.delete(key);
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** What a slide keeps of a link: presentation mode is the room's, not the slide's. */
export const slideQuery = (query: string): string => queryWithout(query, (k) => k === VIEW_KEYS.presentation);

export function scenarioDeck(current: Params): SlideContent[] {
  return SCENARIOS.map((s) => {
    const { params, view } = scenarioState(s, current);
    // The scenario alone: not whatever the Experiments section holds right now.
    const query = queryWithout(queryFromParams(params, { view, selectedImage: 0 }), isExperimentKey);
    return {
      title: s.title,
      note: s.narrative,
      query: slideQuery(query),
      highlight: s.highlight,
      focus: { testId: s.look[0], nth: 0 },
    };
  });
}
