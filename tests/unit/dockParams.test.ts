/**
 * The slider dock's choice of sliders (issue 19 item 3, issue 23 item 1): what moves the figures on
 * screen, in one fixed order, never a control a classroom link hides.
 */
import { describe, expect, it } from 'vitest';
import { dockParams, liveNumbers, type DockGroup } from '../../src/ui/dock/dockParams';
import { SCENARIOS } from '../../src/state/scenarios';

const on = (...groups: DockGroup[]): ReadonlySet<DockGroup> => new Set(groups);
const bias = SCENARIOS.find((s) => s.id === 'bias')!;

describe('dock sliders', () => {
  it('phone: nothing without a Fig. 2 on screen; t and ε by the concept; t_h and a join by the training panels', () => {
    const base = { variant: 'phone', scenario: [], hidden: [] } as const;
    expect(dockParams({ ...base, visible: on() })).toEqual([]);
    expect(dockParams({ ...base, visible: on('concept') })).toEqual(['t', 'eps']);
    expect(dockParams({ ...base, visible: on('training') })).toEqual(['t', 'eps', 'tHard', 'a']);
    expect(dockParams({ ...base, visible: on('training', 'concept') })).toEqual(['t', 'eps', 'tHard', 'a']);
  });

  it("presenting: t and ε always, the explorer's b/f by the concept, a scenario's explorer sliders only there", () => {
    const scenario = liveNumbers(bias.params);
    expect(scenario).toEqual(['conceptRatio', 'conceptQuality', 't']);
    const base = { variant: 'present', scenario, hidden: [] } as const;
    expect(dockParams({ ...base, visible: on() })).toEqual(['t', 'eps']);
    expect(dockParams({ ...base, visible: on('concept') })).toEqual(['t', 'eps', 'conceptRatio', 'conceptQuality']);
    expect(dockParams({ ...base, visible: on('training') })).toEqual(['t', 'eps', 'tHard', 'a']);
    // A scenario's live number outside the explorer (here the learning rate) stays on.
    expect(dockParams({ ...base, scenario: ['lr'], visible: on('training') })).toEqual([
      't',
      'eps',
      'tHard',
      'a',
      'lr',
    ]);
  });

  it('leaves out what a classroom link hides', () => {
    const visible = on('training');
    expect(dockParams({ variant: 'phone', visible, scenario: [], hidden: ['eps', 'a'] })).toEqual(['t', 'tHard']);
    expect(dockParams({ variant: 'present', visible, scenario: [], hidden: 'all' })).toEqual([]);
  });

  it('a scenario offers only numbers that need no restart', () => {
    expect(liveNumbers({ loss: 'inter', eps: 0.01, imbalance: 200, t: 0.4 })).toEqual(['eps', 't']);
  });
});
