/**
 * The numeric rows of Eq. 9–12 as plain HTML in KaTeX's fonts and spacing. A t or ε change then
 * updates a few text nodes instead of re-typesetting and re-laying-out hundreds of KaTeX spans
 * (which was most of a slider update's cost).
 */
import type { ReactNode } from 'react';
import type { DecompositionW } from '../../engine/protocol';
import type { TermId } from '../types';
import type { EpsCase } from './epsCase';

type EpsForm = EpsCase['form'];

/** A number with `digits` significant digits, exponents as ×10^k, minus as U+2212. */
export function Num({ v, digits = 4 }: { v: number; digits?: number }): ReactNode {
  if (!Number.isFinite(v)) return String(v);
  const s = String(Number(v.toPrecision(digits)));
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  const minus = (x: string) => x.replace('-', '\u2212');
  if (!m) return minus(s);
  return (
    <>
      {minus(m[1])}
      <Bin>×</Bin>10<sup className="eq-sup">{minus(String(Number(m[2])))}</sup>
    </>
  );
}

/** Binary operator (+, ·, −) with TeX's medium space on both sides. */
export const Bin = ({ children }: { children: ReactNode }) => <span className="eq-bin">{children}</span>;
/** Relation (=) with TeX's thick space on both sides. */
export const Rel = () => <span className="eq-rel">=</span>;
export const Term = ({ id, children }: { id: TermId; children: ReactNode }) => (
  <span className={`term-${id}`}>{children}</span>
);
/** Math italic symbol (ε, f, b). */
const Sym = ({ children }: { children: ReactNode }) => <span className="eq-sym">{children}</span>;

export const mean = (sum: number, count: number) => (count > 0 ? sum / count : 0);
export const E3 = ({ v }: { v: number }) => <Num v={v} digits={3} />;
export const Diff = ({ a, b }: { a: number; b: number }) => (
  <>
    ({a}
    <Bin>−</Bin>
    {b})
  </>
);

/** "= main + bias" with the two terms tinted. */
function TwoTermRow({ main, bias }: { main: [TermId, ReactNode]; bias: [TermId, ReactNode] }): ReactNode {
  return (
    <>
      <Rel />
      <Term id={main[0]}>{main[1]}</Term>
      <Bin>+</Bin>
      <Term id={bias[0]}>{bias[1]}</Term>
    </>
  );
}

/** "= main + bias = total" with the two terms tinted. */
export function SumRow({
  main,
  bias,
  total,
}: {
  main: [TermId, number];
  bias: [TermId, number];
  total: number;
}): ReactNode {
  return (
    <>
      <TwoTermRow main={[main[0], <Num v={main[1]} />]} bias={[bias[0], <Num v={bias[1]} />]} />
      <Rel />
      <Num v={total} />
    </>
  );
}

/** "[ε ·] mean · count": a set's mean loss times its pixel count, ε-weighted when `weight` is given. */
function Product({ weight, mean, count }: { weight?: ReactNode; mean: number; count: ReactNode }): ReactNode {
  return (
    <>
      {weight !== undefined && (
        <>
          {weight}
          <Bin>·</Bin>
        </>
      )}
      <E3 v={mean} />
      <Bin>·</Bin>
      {count}
    </>
  );
}

interface Split {
  main: { id: TermId; mean: number; count: number; value: number };
  /** The bias term counts `total − hard` pixels. */
  bias: { id: TermId; mean: number; total: number; hard: number; value: number };
  soft: number;
}

/** Eq. 9 / 10's numeric rows: mean · count for each term, then the sum. */
function splitRows({ main, bias, soft }: Split): ReactNode[] {
  return [
    <TwoTermRow
      main={[main.id, <Product mean={main.mean} count={main.count} />]}
      bias={[bias.id, <Product mean={bias.mean} count={<Diff a={bias.total} b={bias.hard} />} />]}
    />,
    <SumRow main={[main.id, main.value]} bias={[bias.id, bias.value]} total={soft} />,
  ];
}

export const eq9Rows = (d: DecompositionW): ReactNode[] =>
  splitRows({
    main: { id: 'fpMain', mean: d.eBgAbove, count: d.fpHard, value: d.fpMain },
    bias: { id: 'fpBias', mean: d.eBgBelow, total: d.b, hard: d.fpHard, value: d.fpBias },
    soft: d.fpSoft,
  });

export const eq10Rows = (d: DecompositionW): ReactNode[] =>
  splitRows({
    main: { id: 'fnMain', mean: d.eFgBelow, count: d.fnHard, value: d.fnMain },
    bias: { id: 'fnBias', mean: d.eFgAbove, total: d.f, hard: d.fnHard, value: d.fnBias },
    soft: d.fnSoft,
  });

/** "= main + bias" of the ε-weighted FP. */
const weightedRow = (main: ReactNode, bias: ReactNode): ReactNode => (
  <TwoTermRow main={['fpMainW', main]} bias={['fpBiasW', bias]} />
);

/**
 * The split row of Eq. 11 / 12 in `form`, or null when there is none to show (b = 0, or the
 * per-set means cannot be recovered). The per-set means (H = top-f "bgwf", E = the rest) are not
 * fields of the decomposition, but they follow from it exactly: with weight 1 on H and ε on E,
 * X^ε = X_H + ε·X_E and X = X_H + X_E, so X_E = (X − X^ε)/(1 − ε) (for ε < 1).
 */
function epsSplitRow(d: DecompositionW, eps: number, form: EpsForm): ReactNode | null {
  const epsNum = <Num v={eps} digits={3} />;
  const aboveT = (weight?: ReactNode) => <Product weight={weight} mean={d.eBgAbove} count={d.fpHard} />;
  const belowT = (weight?: ReactNode) => (
    <Product weight={weight} mean={d.eBgBelow} count={<Diff a={d.b} b={d.fpHard} />} />
  );
  if (form === 'noEps') return d.b === 0 ? null : weightedRow(aboveT(), belowT());
  if (form === 'allEps') return weightedRow(aboveT(epsNum), belowT(epsNum));
  const solvable = eps < 1 - 1e-9 && d.f <= d.b;
  if (!solvable) return null;
  const inE = (x: number, xw: number) => (x - xw) / (1 - eps);
  if (form === 'eq11') {
    const biasE = inE(d.fpBias, d.fpBiasW);
    const biasH = d.fpBias - biasE;
    return weightedRow(
      aboveT(),
      <>
        <Product mean={mean(biasH, d.f - d.fpHard)} count={<Diff a={d.f} b={d.fpHard} />} />
        <Bin>+</Bin>
        <Product weight={epsNum} mean={mean(biasE, d.b - d.f)} count={<Diff a={d.b} b={d.f} />} />
      </>,
    );
  }
  const mainE = inE(d.fpMain, d.fpMainW);
  const mainH = d.fpMain - mainE;
  return weightedRow(
    <>
      <Product mean={mean(mainH, d.f)} count={d.f} />
      <Bin>+</Bin>
      <Product weight={epsNum} mean={mean(mainE, d.fpHard - d.f)} count={<Diff a={d.fpHard} b={d.f} />} />
    </>,
    belowT(epsNum),
  );
}

/** Eq. 11 / 12 with ε, in the split `form` that is exact for these pixels (see epsCase.ts), then the sum. */
export function epsRows(d: DecompositionW, eps: number, form: EpsForm): ReactNode[] {
  const total = <SumRow main={['fpMainW', d.fpMainW]} bias={['fpBiasW', d.fpBiasW]} total={d.fpMainW + d.fpBiasW} />;
  const split = epsSplitRow(d, eps, form);
  return split === null ? [total] : [split, total];
}

/** "t = 0.5" and "sort(p^bg)_f = 0.155" in the captions. */
export function Assign({
  name,
  value,
  digits = 3,
}: {
  name: ReactNode;
  value: number | null;
  digits?: number;
}): ReactNode {
  return (
    <span className="eq-inline">
      {name}
      <Rel />
      {value === null ? '—' : <Num v={value} digits={digits} />}
    </span>
  );
}

export { Sym };
