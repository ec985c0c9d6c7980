/**
 * The numeric rows of Eq. 1–8 (docs/design.md §1.1) in the same plain-HTML style as Eq. 9–12:
 * where Eq. 9–10 come from, with the numbers of the shown image.
 */
import type { ReactNode } from 'react';
import type { DecompositionW } from '../../engine/protocol';
import type { TermId } from '../types';
import { Bin, Diff, Num, Rel, SumRow, Term } from './numbers';

/** "= sum / count = mean", or "= 0" with the reason when the set is empty. */
function meanRows(id: TermId, sum: number, count: number, countNode: ReactNode, mean: number): ReactNode[] {
  if (count === 0) {
    return [
      <>
        <Rel />0<span className="eq-note"> (empty set: the mean is 0)</span>
      </>,
    ];
  }
  return [
    <>
      <Rel />
      <Term id={id}>
        <Num v={sum} />
      </Term>
      <Bin>/</Bin>
      {countNode}
      <Rel />
      <Num v={mean} />
    </>,
  ];
}

export type Eq18 = 'eq1' | 'eq2' | 'eq3' | 'eq4' | 'eq5' | 'eq6' | 'eq7' | 'eq8';

export function eq1to8Rows(d: DecompositionW): Record<Eq18, ReactNode[]> {
  return {
    eq1: [
      <>
        <Rel />
        {d.fpHard}
        <span className="eq-note"> of b = {d.b}</span>
      </>,
    ],
    eq2: [
      <>
        <Rel />
        {d.fnHard}
        <span className="eq-note"> of f = {d.f}</span>
      </>,
    ],
    eq3: [<SumRow main={['fpMain', d.fpMain]} bias={['fpBias', d.fpBias]} total={d.fpSoft} />],
    eq4: [<SumRow main={['fnMain', d.fnMain]} bias={['fnBias', d.fnBias]} total={d.fnSoft} />],
    eq5: meanRows('fpMain', d.fpMain, d.fpHard, d.fpHard, d.eBgAbove),
    eq6: meanRows('fpBias', d.fpBias, d.b - d.fpHard, <Diff a={d.b} b={d.fpHard} />, d.eBgBelow),
    eq7: meanRows('fnMain', d.fnMain, d.fnHard, d.fnHard, d.eFgBelow),
    eq8: meanRows('fnBias', d.fnBias, d.f - d.fnHard, <Diff a={d.f} b={d.fnHard} />, d.eFgAbove),
  };
}
