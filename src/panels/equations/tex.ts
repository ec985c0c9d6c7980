/**
 * The symbolic rows of Eq. 9–12 as KaTeX HTML. They depend on no number, so each string is
 * typeset once and React leaves its DOM alone while t and ε move (only the numeric rows change).
 * KaTeX itself loads lazily (katexLoader.ts).
 */
import type Katex from 'katex';
import type { TermId } from '../types';

const cache = new Map<string, string>();

export function tex(katex: typeof Katex, src: string): string {
  let html = cache.get(src);
  if (html === undefined) {
    html = katex.renderToString(src, {
      displayMode: false,
      throwOnError: false,
      strict: 'ignore',
      // Only \htmlClass is trusted: the input is ours, but nothing else is needed.
      trust: (ctx) => ctx.command === '\\htmlClass',
    });
    cache.set(src, html);
  }
  return html;
}

const term = (id: TermId, body: string) => `\\htmlClass{term-${id}}{${body}}`;
const FP = '\\mathrm{FP}';
const FN = '\\mathrm{FN}';
const soft = '_{\\text{soft}}';
const hard = '_{\\text{hard}}';

/** Left-hand sides. */
export const LHS = {
  fp: `${FP}${soft}`,
  fn: `${FN}${soft}`,
  fpEps: `${FP}^{\\epsilon}${soft}`,
} as const;

/** "= main + bias" of each equation; `{}` in front gives the = its relation spacing. */
export const SYMBOLIC = {
  eq9: `\\displaystyle{}= ${term('fpMain', `\\underbrace{e_{bg}^{>t}\\,${FP}${hard}}_{\\text{main}}`)} + ${term('fpBias', `\\underbrace{e_{bg}^{\\le t}\\,(b-${FP}${hard})}_{\\text{bias}}`)}`,
  eq10: `\\displaystyle{}= ${term('fnMain', `\\underbrace{e_{fg}^{\\le t}\\,${FN}${hard}}_{\\text{main}}`)} + ${term('fnBias', `\\underbrace{e_{fg}^{>t}\\,(f-${FN}${hard})}_{\\text{bias}}`)}`,
  /** Eq. 11: every background pixel above t is in the top f (H), so the main term is untouched. */
  eq11: `\\displaystyle{}= ${term('fpMainW', `\\underbrace{e_{bg}^{>t}\\,${FP}${hard}}_{\\text{main}}`)} + ${term(
    'fpBiasW',
    `\\underbrace{e_{bgwf}^{\\le t}\\,(f-${FP}${hard}) + \\epsilon\\, e_{bg-bgwf}^{\\le t}\\,(b-f)}_{\\text{bias}}`,
  )}`,
  /** Eq. 12: the f-th largest background prediction is above t, so ε also scales FP_hard − f pixels of the main term. */
  eq12: `\\displaystyle{}= ${term(
    'fpMainW',
    `\\underbrace{e_{bgwf}^{>t}\\,f + \\epsilon\\, e_{bg-bgwf}^{>t}\\,(${FP}${hard}-f)}_{\\text{main (altered)}}`,
  )} + ${term('fpBiasW', `\\underbrace{\\epsilon\\, e_{bg}^{\\le t}\\,(b-${FP}${hard})}_{\\text{bias}}`)}`,
  kth: `\\operatorname{sort}_{\\text{des}}(p^{bg})_f`,
} as const;

const sumBg = '\\sum_{i\\in bg}';
const sumFg = '\\sum_{i\\in fg}';
const ind = (cond: string) => `\\mathbb{I}\\{${cond}\\}`;

/** Eq. 11/12's special forms: f = 0 (every background pixel weighs ε), f > b or b = 0 (none does). */
export const SYMBOLIC_EPS = {
  allEps: `\\displaystyle{}= ${term('fpMainW', `\\underbrace{\\epsilon\\, e_{bg}^{>t}\\,${FP}${hard}}_{\\text{main}}`)} + ${term('fpBiasW', `\\underbrace{\\epsilon\\, e_{bg}^{\\le t}\\,(b-${FP}${hard})}_{\\text{bias}}`)}`,
  noEps: `\\displaystyle{}= ${term('fpMainW', `\\underbrace{e_{bg}^{>t}\\,${FP}${hard}}_{\\text{main}}`)} + ${term('fpBiasW', `\\underbrace{e_{bg}^{\\le t}\\,(b-${FP}${hard})}_{\\text{bias}}`)}`,
} as const;

/** Eq. 1–8 (docs/design.md §1.1): left-hand side and the symbolic right-hand side of each. */
export const EQ1_8 = {
  eq1: { lhs: `${FP}${hard}`, rhs: `\\displaystyle{}= ${sumBg}${ind('p_i > t')}` },
  eq2: { lhs: `${FN}${hard}`, rhs: `\\displaystyle{}= ${sumFg}${ind('(1-p_i) \\ge t')}` },
  eq3: {
    lhs: `${FP}${soft}`,
    rhs: `\\displaystyle{}= ${sumBg} p_i = ${term('fpMain', `\\underbrace{${sumBg} p_i\\,${ind('p_i > t')}}_{\\text{main}}`)} + ${term('fpBias', `\\underbrace{${sumBg} p_i\\,${ind('p_i \\le t')}}_{\\text{bias}}`)}`,
  },
  eq4: {
    lhs: `${FN}${soft}`,
    rhs: `\\displaystyle{}= ${sumFg} (1-p_i) = ${term('fnMain', `\\underbrace{${sumFg} (1-p_i)\\,${ind('(1-p_i) \\ge t')}}_{\\text{main}}`)} + ${term('fnBias', `\\underbrace{${sumFg} (1-p_i)\\,${ind('(1-p_i) < t')}}_{\\text{bias}}`)}`,
  },
  eq5: { lhs: 'e_{bg}^{>t}', rhs: `\\displaystyle{}= \\frac{${sumBg} p_i\\,${ind('p_i > t')}}{${FP}${hard}}` },
  eq6: {
    lhs: 'e_{bg}^{\\le t}',
    rhs: `\\displaystyle{}= \\frac{${sumBg} p_i\\,${ind('p_i \\le t')}}{b - ${FP}${hard}}`,
  },
  eq7: {
    lhs: 'e_{fg}^{\\le t}',
    rhs: `\\displaystyle{}= \\frac{${sumFg} (1-p_i)\\,${ind('(1-p_i) \\ge t')}}{${FN}${hard}}`,
  },
  eq8: {
    lhs: 'e_{fg}^{>t}',
    rhs: `\\displaystyle{}= \\frac{${sumFg} (1-p_i)\\,${ind('(1-p_i) < t')}}{f - ${FN}${hard}}`,
  },
} as const;

/** The CBL losses (docs/design.md §1.3). */
const L = (name: string) => `\\mathcal{L}_{\\text{${name}}}`;
const bar = (set: string) => `\\bar\\ell_{${set}}`;
export const LOSS_TEX = {
  ce: `\\ell_i = -\\log \\tilde p_i \\ (i\\in fg),\\quad \\ell_i = -\\log(1-\\tilde p_i)\\ (i\\in bg),\\quad \\tilde p = \\operatorname{clamp}(p,\\,10^{-7},\\,1-10^{-7}),\\quad ${bar('G')} = \\tfrac{1}{|G|}\\textstyle\\sum_{i\\in G}\\ell_i\\ (0 \\text{ if } G=\\varnothing)`,
  groups: `FG_h = \\{i\\in fg : \\tilde p_i \\le t_h\\},\\ FG_e = \\{i\\in fg : \\tilde p_i > t_h\\},\\ BG_h = \\{i\\in bg : 1-\\tilde p_i \\le t_h\\},\\ BG_e = \\{i\\in bg : 1-\\tilde p_i > t_h\\}`,
  intraLhs: L('Intra'),
  intra: `\\displaystyle{}= ${bar('FG_h')} + ${bar('FG_e')} + ${bar('BG_h')} + ${bar('BG_e')}`,
  hardSet: `H = \\text{the } \\min(f, b) \\text{ largest } \\tilde p_i \\text{ of } bg \\ (\\text{“bgwf”}),\\quad E = bg \\setminus H,\\quad N = f + b`,
  interLhs: L('Inter'),
  interRef: `\\displaystyle{}= ${bar('fg')} + ${bar('H')} + \\frac{1}{N}\\sum_{i\\in E}\\ell_i`,
  interEpsLhs: `${L('Inter')}^{\\epsilon}`,
  interEps: `\\displaystyle{}= ${bar('fg')} + \\frac{1}{|H|}\\Big(\\sum_{i\\in H}\\ell_i + \\epsilon \\sum_{i\\in E}\\ell_i\\Big)`,
  balanceLhs: L('Balance'),
  balance: `\\displaystyle{}= a\\,${L('Intra')} + (1-a)\\,${L('Inter')}`,
} as const;
