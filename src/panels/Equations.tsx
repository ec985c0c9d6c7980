import { useDeferredValue, useMemo, useRef } from 'react';
import type { CSSProperties, MouseEvent, ReactNode } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';
import type { DecompositionW } from '../engine/protocol';
import { Panel } from './Panel';
import { colors } from './colors';
import type { EquationProps, TermId } from './types';

const TERMS: readonly TermId[] = ['fpMain', 'fpBias', 'fnMain', 'fnBias', 'fpMainW', 'fpBiasW'];
const TERM_COLOR: Record<TermId, string> = {
  fpMain: colors.fpMain,
  fpBias: colors.fpBias,
  fnMain: colors.fnMain,
  fnBias: colors.fnBias,
  fpMainW: colors.fpMain,
  fpBiasW: colors.fpBias,
};

/** #rrggbb → rgba() with the given alpha. */
function tint(hex: string, alpha: number): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255},${alpha})`;
}

/** Term tints, a coloured underline (dashed pink for ε-weighted terms), a stronger tint when highlighted. */
const CSS = [
  `.eqs .katex-display{margin:0;text-align:left}`,
  `.eqs .katex-display>.katex{text-align:left}`,
  `.eqs [class*="term-"]{border-radius:4px;transition:background-color .12s,box-shadow .12s;cursor:default}`,
  ...TERMS.map((id) => {
    const c = TERM_COLOR[id];
    const w = id.endsWith('W');
    return [
      `.eqs .term-${id}{background:${tint(c, 0.13)};box-shadow:inset 0 -2.5px 0 ${w ? colors.weighted : c}}`,
      `.eqs[data-hl="${id}"] .term-${id}{background:${tint(c, 0.38)};box-shadow:0 0 0 2px ${w ? colors.weighted : c}}`,
    ].join('\n');
  }),
].join('\n');

/** A number for TeX: 4 significant digits (3 for means), exponents as ×10^k. */
function num(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  const s = String(Number(v.toPrecision(digits)));
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  return m ? `${m[1]}\\times10^{${Number(m[2])}}` : s;
}
const e3 = (v: number) => num(v, 3);
const term = (id: TermId, body: string) => `\\htmlClass{term-${id}}{${body}}`;
const safeMean = (sum: number, count: number) => (count > 0 ? sum / count : 0);

const FP = '\\mathrm{FP}';
const FN = '\\mathrm{FN}';
const soft = '_{\\text{soft}}';
const hard = '_{\\text{hard}}';

function render(src: string, display = true): string {
  return katex.renderToString(src, {
    displayMode: display,
    throwOnError: false,
    strict: 'ignore',
    // Only \htmlClass is trusted: the input is ours, but nothing else is needed.
    trust: (ctx) => ctx.command === '\\htmlClass',
  });
}

function eq9(d: DecompositionW): string {
  const main = term('fpMain', `\\underbrace{e_{bg}^{>t}\\,${FP}${hard}}_{\\text{main}}`);
  const bias = term('fpBias', `\\underbrace{e_{bg}^{\\le t}\\,(b-${FP}${hard})}_{\\text{bias}}`);
  return `\\begin{aligned}
${FP}${soft} &= ${main} + ${bias}\\\\
&= ${term('fpMain', `${e3(d.eBgAbove)}\\cdot ${d.fpHard}`)} + ${term('fpBias', `${e3(d.eBgBelow)}\\cdot(${d.b}-${d.fpHard})`)}\\\\
&= ${term('fpMain', num(d.fpMain))} + ${term('fpBias', num(d.fpBias))} = ${num(d.fpSoft)}
\\end{aligned}`;
}

function eq10(d: DecompositionW): string {
  const main = term('fnMain', `\\underbrace{e_{fg}^{\\le t}\\,${FN}${hard}}_{\\text{main}}`);
  const bias = term('fnBias', `\\underbrace{e_{fg}^{>t}\\,(f-${FN}${hard})}_{\\text{bias}}`);
  return `\\begin{aligned}
${FN}${soft} &= ${main} + ${bias}\\\\
&= ${term('fnMain', `${e3(d.eFgBelow)}\\cdot ${d.fnHard}`)} + ${term('fnBias', `${e3(d.eFgAbove)}\\cdot(${d.f}-${d.fnHard})`)}\\\\
&= ${term('fnMain', num(d.fnMain))} + ${term('fnBias', num(d.fnBias))} = ${num(d.fnSoft)}
\\end{aligned}`;
}

/**
 * Eq. 11 / 12 with ε. The per-set means (H = top-f "bgwf", E = the rest) are not fields of the
 * decomposition, but they follow from it exactly: with weight 1 on H and ε on E,
 * X^ε = X_H + ε·X_E and X = X_H + X_E, so X_E = (X − X^ε)/(1 − ε) (for ε < 1).
 */
function eqEps(d: DecompositionW, eps: number): string {
  const lhs = `${FP}^{\\epsilon}${soft}`;
  const total = `${term('fpMainW', num(d.fpMainW))} + ${term('fpBiasW', num(d.fpBiasW))} = ${num(d.fpMainW + d.fpBiasW)}`;
  const solvable = eps < 1 - 1e-9 && d.f <= d.b;
  const E = (x: number, xw: number) => (solvable ? (x - xw) / (1 - eps) : 0);
  const ep = num(eps, 3);
  if (!d.mainAltered) {
    // Eq. 11: every pixel above t is in H, so the main term is untouched.
    const sym = `${lhs} &= ${term('fpMainW', `\\underbrace{e_{bg}^{>t}\\,${FP}${hard}}_{\\text{main}}`)} + ${term(
      'fpBiasW',
      `\\underbrace{e_{bgwf}^{\\le t}\\,(f-${FP}${hard}) + \\epsilon\\, e_{bg-bgwf}^{\\le t}\\,(b-f)}_{\\text{bias}}`,
    )}`;
    if (!solvable) return `\\begin{aligned}${sym}\\\\ &= ${total}\\end{aligned}`;
    const biasE = E(d.fpBias, d.fpBiasW);
    const biasH = d.fpBias - biasE;
    const numbers = `${term('fpMainW', `${e3(d.eBgAbove)}\\cdot ${d.fpHard}`)} + ${term(
      'fpBiasW',
      `${e3(safeMean(biasH, d.f - d.fpHard))}\\cdot(${d.f}-${d.fpHard}) + ${ep}\\cdot ${e3(safeMean(biasE, d.b - d.f))}\\cdot(${d.b}-${d.f})`,
    )}`;
    return `\\begin{aligned}${sym}\\\\ &= ${numbers}\\\\ &= ${total}\\end{aligned}`;
  }
  // Eq. 12: the f-th largest background prediction is above t, so ε also scales FP_hard − f pixels of the main term.
  const sym = `${lhs} &= ${term(
    'fpMainW',
    `\\underbrace{e_{bgwf}^{>t}\\,f + \\epsilon\\, e_{bg-bgwf}^{>t}\\,(${FP}${hard}-f)}_{\\text{main (altered)}}`,
  )} + ${term('fpBiasW', `\\underbrace{\\epsilon\\, e_{bg}^{\\le t}\\,(b-${FP}${hard})}_{\\text{bias}}`)}`;
  if (!solvable) return `\\begin{aligned}${sym}\\\\ &= ${total}\\end{aligned}`;
  const mainE = E(d.fpMain, d.fpMainW);
  const mainH = d.fpMain - mainE;
  const numbers = `${term(
    'fpMainW',
    `${e3(safeMean(mainH, d.f))}\\cdot ${d.f} + ${ep}\\cdot ${e3(safeMean(mainE, d.fpHard - d.f))}\\cdot(${d.fpHard}-${d.f})`,
  )} + ${term('fpBiasW', `${ep}\\cdot ${e3(d.eBgBelow)}\\cdot(${d.b}-${d.fpHard})`)}`;
  return `\\begin{aligned}${sym}\\\\ &= ${numbers}\\\\ &= ${total}\\end{aligned}`;
}

function termAt(target: EventTarget | null): TermId | null {
  if (!(target instanceof Element)) return null;
  const el = target.closest('[class*="term-"]');
  if (!el) return null;
  for (const c of el.classList) if (c.startsWith('term-')) return c.slice(5) as TermId;
  return null;
}

const block: CSSProperties = { minWidth: 0, overflowX: 'auto', overflowY: 'hidden', padding: '2px 2px 6px' };
const caption: CSSProperties = { fontSize: 13, color: '#59636e', margin: '0 0 2px', lineHeight: 1.4 };
const tag: CSSProperties = { fontWeight: 600, color: '#1f2328', marginRight: 6 };

/** Eq. 9–10 (and 11 or 12 when Inter-CBL's ε is on), symbolic and with the live numbers. */
export function Equations(props: EquationProps) {
  const { highlight, onHover } = props;
  // Typesetting and laying out three KaTeX blocks costs ~10 ms: while a slider is dragged the
  // figures update first and the equations follow in a deferred, interruptible render.
  const d = useDeferredValue(props.d);
  const t = useDeferredValue(props.t);
  const eps = useDeferredValue(props.eps);
  const last = useRef<TermId | null>(null);
  const html = useMemo(() => {
    const out = { eq9: render(eq9(d)), eq10: render(eq10(d)), eps: '', kth: '' };
    if (eps !== null) {
      out.eps = render(eqEps(d, eps));
      out.kth = render(`\\operatorname{sort}_{\\text{des}}(p^{bg})_f = ${d.kthBg === null ? '\\text{—}' : e3(d.kthBg)}`, false);
    }
    return out;
  }, [d, eps]);
  const tHtml = useMemo(() => render(`t = ${num(t, 3)}`, false), [t]);

  const emit = (term: TermId | null) => {
    if (last.current === term) return;
    last.current = term;
    onHover?.(term);
  };
  const onOver = (e: MouseEvent) => emit(termAt(e.target));

  let epsCaption: ReactNode = null;
  if (eps !== null) {
    const epsText = String(Number(eps.toPrecision(3)));
    const ratioText = (a: number, b: number) => (b > 0 ? ` (×${Number((a / b).toPrecision(2))})` : '');
    const eqTag = d.mainAltered ? (
      <span style={{ ...tag, color: colors.fpMain }}>Eq. 12 — main term altered</span>
    ) : (
      <span style={tag}>Eq. 11</span>
    );
    const effect = d.mainAltered ? (
      <>
        ε = {epsText} scales part of the main term too{ratioText(d.fpMainW, d.fpMain)} — why Inter-CBL is not for training from scratch.
      </>
    ) : (
      <>
        ε = {epsText} only shrinks the bias{ratioText(d.fpBiasW, d.fpBias)}; the main term is unchanged.
      </>
    );
    epsCaption =
      d.b === 0 ? (
        <>
          {eqTag}b = 0: there is no background for ε to weight.
        </>
      ) : d.f > d.b ? (
        <>
          {eqTag}f &gt; b: every background pixel is in the top f, so ε = {epsText} changes nothing.
        </>
      ) : d.f === 0 ? (
        <>
          {eqTag}f = 0: no background pixel is “hard”, so {effect}
        </>
      ) : (
        <>
          {eqTag}
          <span dangerouslySetInnerHTML={{ __html: html.kth }} /> {d.mainAltered ? '≥' : '<'} t
          {d.mainAltered ? (
            <>
              {' '}
              (FP<sub>hard</sub> = {d.fpHard} &gt; f = {d.f})
            </>
          ) : null}
          : {effect}
        </>
      );
  }

  return (
    <Panel title="Equations (Eq. 9–12)" testId="panel-equations">
      <style>{CSS}</style>
      <div
        className="eqs"
        data-hl={highlight ?? undefined}
        onMouseOver={onOver}
        onMouseLeave={() => emit(null)}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))', gap: '8px 28px', fontSize: 14 }}
      >
        <div style={block} data-testid="eq-9">
          <p style={caption}>
            <span style={tag}>Eq. 9</span>soft FP, split at <span dangerouslySetInnerHTML={{ __html: tHtml }} />
          </p>
          <div dangerouslySetInnerHTML={{ __html: html.eq9 }} />
        </div>
        <div style={block} data-testid="eq-10">
          <p style={caption}>
            <span style={tag}>Eq. 10</span>soft FN, split at <span dangerouslySetInnerHTML={{ __html: tHtml }} />
          </p>
          <div dangerouslySetInnerHTML={{ __html: html.eq10 }} />
        </div>
        {eps !== null ? (
          <div style={{ ...block, gridColumn: '1 / -1' }} data-testid={d.mainAltered ? 'eq-12' : 'eq-11'}>
            <p style={caption}>{epsCaption}</p>
            <div dangerouslySetInnerHTML={{ __html: html.eps }} />
          </div>
        ) : null}
      </div>
    </Panel>
  );
}
