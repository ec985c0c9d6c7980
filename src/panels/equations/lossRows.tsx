/**
 * The numeric rows of Intra-CBL, Inter-CBL (the authors' form and the ε form) and the Balance
 * loss (docs/design.md §1.3), from lossTerms(): group sizes, Σ ℓ / |G|, the group means, the loss.
 */
import type { ReactNode } from 'react';
import type { GroupStat, LossTerms } from '../../core/lossTerms';
import { Bin, Num, Rel } from './numbers';

/** "Σ / count", or 0 for an empty set. */
function Frac({ sum, count }: { sum: number; count: number }): ReactNode {
  if (count === 0) return '0';
  return (
    <>
      <Num v={sum} />
      <Bin>/</Bin>
      {count}
    </>
  );
}

/** a + b + c with TeX spacing. */
function plus(items: ReactNode[]): ReactNode {
  return items.map((item, k) => (
    <span key={k}>
      {k > 0 ? <Bin>+</Bin> : null}
      {item}
    </span>
  ));
}

const result = (v: number): ReactNode => (
  <>
    <Rel />
    <b>
      <Num v={v} />
    </b>
  </>
);

export const GROUP_KEYS = ['fgHard', 'fgEasy', 'bgHard', 'bgEasy'] as const;

export function intraRows(lt: LossTerms): ReactNode[] {
  const g: GroupStat[] = GROUP_KEYS.map((k) => lt.intra.groups[k]);
  return [
    <>
      <Rel />
      {plus(g.map((s, k) => <Frac key={k} sum={s.sumCE} count={s.count} />))}
    </>,
    <>
      <Rel />
      {plus(g.map((s, k) => <Num key={k} v={s.meanCE} />))}
    </>,
    result(lt.intra.value),
  ];
}

export function interRefRows(lt: LossTerms): ReactNode[] {
  const i = lt.inter;
  return [
    <>
      <Rel />
      {plus([
        <Frac key="fg" sum={i.fgSum} count={i.f} />,
        <Frac key="h" sum={i.hSum} count={i.h} />,
        <Frac key="e" sum={i.eSum} count={i.N} />,
      ])}
    </>,
    <>
      <Rel />
      {plus([
        <Num key="fg" v={i.fgMean} />,
        <Num key="h" v={i.hMean} />,
        <Num key="e" v={i.N > 0 ? i.eSum / i.N : 0} />,
      ])}
    </>,
    result(i.valueReference),
  ];
}

export function interEpsRows(lt: LossTerms): ReactNode[] {
  const i = lt.inter;
  const eps = <Num v={i.epsEquivalent} digits={3} />;
  if (i.f === 0) {
    // H is empty: the background term is Σ_BG ℓ / N whatever ε (docs/design.md §1.3).
    return [
      <>
        <Rel />
        <Frac sum={i.bgSum} count={i.N} />
        <span className="eq-note"> (f = 0: H is empty, the BG term is Σ ℓ / N whatever ε)</span>
      </>,
      result(i.valueEps),
    ];
  }
  if (i.h === 0) {
    return [
      <>
        <Rel />
        <Frac sum={i.fgSum} count={i.f} />
        <Bin>+</Bin>0<span className="eq-note"> (b = 0: no background term)</span>
      </>,
      result(i.valueEps),
    ];
  }
  return [
    <>
      <Rel />
      <Frac sum={i.fgSum} count={i.f} />
      <Bin>+</Bin>(<Num v={i.hSum} />
      <Bin>+</Bin>
      {eps}
      <Bin>·</Bin>
      <Num v={i.eSum} />)<Bin>/</Bin>
      {i.h}
    </>,
    <>
      <Rel />
      <Num v={i.fgMean} />
      <Bin>+</Bin>
      <Num v={(i.hSum + i.epsEquivalent * i.eSum) / i.h} />
    </>,
    result(i.valueEps),
  ];
}

export function balanceRows(lt: LossTerms): ReactNode[] {
  const { a } = lt.balance;
  return [
    <>
      <Rel />
      <Num v={a} digits={3} />
      <Bin>·</Bin>
      <Num v={lt.intra.value} />
      <Bin>+</Bin>
      <Num v={1 - a} digits={3} />
      <Bin>·</Bin>
      <Num v={lt.inter.value} />
    </>,
    result(lt.balance.value),
  ];
}
