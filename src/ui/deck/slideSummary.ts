/** One line that says what a slide shows, read from its link with the app's own codec. */
import { lossInfo } from '../../core/lossInfo';
import type { Slide } from '../../state/deck';
import { linkState } from '../../state/linkState';
import { SCENARIOS } from '../../state/scenarios';

export function slideSummary(slide: Slide): string {
  const { params, view, selectedImage, experiment } = linkState(slide.query, false);
  const parts = [`${lossInfo[params.loss].label}, t = ${params.t}`];
  if (params.epsMode === 'value') parts.push(`ε = ${params.eps}`);
  if (view.compare) {
    const b = view.compare.loss ?? params.loss;
    parts.push(`compare with ${lossInfo[b].label}${view.compareLayout === 'overlay' ? ' (overlay)' : ''}`);
  }
  const scenario = SCENARIOS.find((s) => s.id === view.scenario);
  if (scenario) parts.push(`scenario “${scenario.short}”`);
  if (selectedImage === null) parts.push('training batch');
  else if (selectedImage !== undefined) parts.push(`image ${selectedImage + 1}`);
  if (experiment.open) parts.push('Experiments open');
  if (slide.focus) parts.push(`opens at ${slide.focus.testId}`);
  return parts.join(' · ');
}
