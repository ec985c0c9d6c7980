/**
 * The symbolic rows of Eq. 9–12 as KaTeX HTML. They depend on no number, so each string is
 * typeset once and React leaves its DOM alone while t and ε move (only the numeric rows change).
 */
import katex from 'katex';
import type { TermId } from '../types';

const cache = new Map<string, string>();

export function tex(src: string): string {
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
