/**
 * Which of Eq. 11 / Eq. 12 describes Inter-CBL's ε-weighted FP, and the caption that says why,
 * as pure functions (docs/design.md §1.2, §1.4b). The paper picks Eq. 12 when
 * sort_des(p^bg)_f ≥ t; a caption never states an inequality that is false for the numbers it
 * shows. The edge cases: kthBg = t (the condition holds with equality, yet the f-th pixel is not
 * above t, so FP_hard < f and Eq. 11's split is the exact one) and FP_hard = f (Eq. 12 with an
 * empty ε-weighted main part: the main term is unchanged).
 */
import type { Decomposition } from '../../core/types';
import { sigDigits } from '../kit/format';
import type { TextPart } from '../kit/text';

type CaseInput = Pick<Decomposition, 'f' | 'b' | 'fpHard' | 'kthBg'> & { eq12?: boolean };

/** Eq. 12 ⇔ kthBg ≥ t (the field `eq12` of the decomposition when present, else computed here). */
export function usesEq12(d: CaseInput, t: number): boolean {
  if (typeof d.eq12 === 'boolean') return d.eq12;
  return d.kthBg !== null && d.kthBg >= t;
}

/**
 * The fewest significant digits (at least `min`) at which a and b print differently, so that
 * "0.5004 > t = 0.5" is never shown as "0.5 > 0.5". Rounding is monotone, so once the printed
 * values differ they are in the same order as a and b. Equal values get `min`.
 */
export function distinctDigits(a: number, b: number, min = 3): number {
  if (a === b || !Number.isFinite(a) || !Number.isFinite(b)) return min;
  for (let d = min; d < 17; d++) if (Number(a.toPrecision(d)) !== Number(b.toPrecision(d))) return d;
  return 17;
}

/** A number as printed in captions: `digits` significant digits, no exponent games. */
export const printed = (v: number, digits = 3): string => sigDigits(v, digits);

/**
 * - `eq`: the equation the paper's condition names (null: f = 0, f > b or b = 0, where
 *   sort_des(p^bg)_f does not exist).
 * - `form`: the split the numbers are written in, the exact one for these pixels: 'eq11'
 *   (every pixel above t is in the top f), 'eq12' (the top f all lie above t), 'allEps'
 *   (f = 0: every background pixel weighs ε), 'noEps' (f > b or b = 0: ε weighs nothing).
 * - `relation`: kthBg against t (null when kthBg does not exist).
 * - `mainAltered`: ε scales some pixel of the main term (FP_hard > f).
 */
export interface EpsCase {
  eq: 11 | 12 | null;
  form: 'eq11' | 'eq12' | 'allEps' | 'noEps';
  relation: '<' | '=' | '>' | null;
  mainAltered: boolean;
  /** "Eq. 12 — main term altered", "Eq. 11", … */
  tag: string;
  /** The full caption: the condition with its numbers, then what ε does. */
  caption: TextPart[];
  /** A one-line version for the Fig. 2 legend (no numbers). */
  short: TextPart[];
}

const sub = (text: string): TextPart => ({ text, sub: true });
const sup = (text: string): TextPart => ({ text, sup: true });
const KTH: TextPart[] = ['sort', sub('des'), '(p', sup('bg'), ')', sub('f')];
const FP_HARD: TextPart[] = ['FP', sub('hard')];

/** b = 0: nothing for ε to weight. */
const noBackgroundCase = (): EpsCase => ({
  eq: null,
  form: 'noEps',
  relation: null,
  mainAltered: false,
  tag: 'b = 0',
  caption: ['b = 0: there is no background for ε to weight.'],
  short: ['b = 0: no background — ε has no effect'],
});

/**
 * f = 0: no top-f set, so the decomposition's ε weighs every background pixel; the loss does not
 * (its background term is Σ_BG ℓ / N whatever ε, docs/design.md §1.2–1.3), and the caption says so.
 */
function noForegroundCase(fpHard: number, epsText: string): EpsCase {
  const what: TextPart[] =
    fpHard > 0
      ? [', the main term too (', ...FP_HARD, ` = ${fpHard} > f = 0).`]
      : ['; none is above t (', ...FP_HARD, ' = 0).'];
  return {
    eq: null,
    form: 'allEps',
    relation: null,
    mainAltered: fpHard > 0,
    tag: 'f = 0',
    caption: [
      'f = 0: the top-f set is empty and ',
      ...KTH,
      ` does not exist. The ε weighting (1 on the top f, ε on the rest) then puts ε = ${epsText} on every background pixel`,
      ...what,
      ' The loss does not: with no hard set, Inter-CBL’s background term is Σ',
      sub('BG'),
      ' ℓ / N whatever ε.',
    ],
    short: ['f = 0: no top-f set — ε on every background pixel here; the loss ignores ε'],
  };
}

/** f > b: the whole background is in the top f. */
function allInTopCase(f: number, b: number, epsText: string): EpsCase {
  return {
    eq: null,
    form: 'noEps',
    relation: null,
    mainAltered: false,
    tag: 'f > b',
    caption: [`f = ${f} > b = ${b}: every background pixel is in the top f, so ε = ${epsText} changes nothing.`],
    short: ['f > b: every background pixel is in the top f — ε has no effect'],
  };
}

/** What the cases with an f-th background pixel share: the condition with its numbers. */
interface Ranked {
  f: number;
  fpHard: number;
  epsText: string;
  /** "sort_des(p^bg)_f = 0.155 > t = 0.1" */
  cond: TextPart[];
  /** The note added when b = f (no easy background), else empty. */
  noEasy: TextPart[];
}

/** kthBg < t: every pixel above t ranks above f, FP_hard < f. */
function belowCase({ f, fpHard, epsText, cond, noEasy }: Ranked): EpsCase {
  return {
    eq: 11,
    form: 'eq11',
    relation: '<',
    mainAltered: false,
    tag: 'Eq. 11',
    caption: [
      ...cond,
      ' (',
      ...FP_HARD,
      ` = ${fpHard} < f = ${f}): every pixel above t is in the top f, so ε = ${epsText} only shrinks the bias; the main term is unchanged.`,
      ...noEasy,
    ],
    short: [{ text: 'Eq. 11: ', bold: true }, ...KTH, ' < t — ε only shrinks the bias'],
  };
}

/** kthBg = t: the f-th pixel sits at p = t, which Eq. 1 does not count, so FP_hard ≤ f − 1. */
function equalCase({ f, fpHard, epsText, cond, noEasy }: Ranked): EpsCase {
  return {
    eq: 12,
    form: 'eq11',
    relation: '=',
    mainAltered: false,
    tag: 'Eq. 12, at equality',
    caption: [
      ...cond,
      ': the paper’s Eq. 12 condition (≥ t) holds with equality, but the f-th pixel is not above t (',
      ...FP_HARD,
      ` = ${fpHard} < f = ${f}), so every pixel above t is in the top f and ε = ${epsText} only shrinks the bias. The split below is Eq. 11’s form, the exact one here (Eq. 12 as printed assumes the top f all lie above t).`,
      ...noEasy,
    ],
    short: [
      { text: 'Eq. 12 at equality: ', bold: true },
      ...KTH,
      ' = t, ',
      ...FP_HARD,
      ' < f — ε only shrinks the bias',
    ],
  };
}

/** kthBg > t and FP_hard > f: ε reaches into the main term. */
function mainAlteredCase({ f, fpHard, epsText, cond }: Ranked): EpsCase {
  return {
    eq: 12,
    form: 'eq12',
    relation: '>',
    mainAltered: true,
    tag: 'Eq. 12 — main term altered',
    caption: [
      ...cond,
      ' (',
      ...FP_HARD,
      ` = ${fpHard} > f = ${f}): ε = ${epsText} scales ${fpHard - f} pixels of the main term too — why Inter-CBL is not for training from scratch.`,
    ],
    short: [{ text: 'Eq. 12: ', bold: true }, ...KTH, ' > t, ', ...FP_HARD, ' > f — main term altered'],
  };
}

/** kthBg > t and FP_hard = f: Eq. 12 with an empty ε-weighted main part. */
function mainUnchangedCase({ f, epsText, cond, noEasy }: Ranked): EpsCase {
  return {
    eq: 12,
    form: 'eq12',
    relation: '>',
    mainAltered: false,
    tag: 'Eq. 12',
    caption: [
      ...cond,
      ', but ',
      ...FP_HARD,
      ` = f = ${f}: no pixel above t lies past rank f, so ε’s share of the main term is empty (FP`,
      sub('hard'),
      ` − f = 0) and ε = ${epsText} only shrinks the bias; Eq. 11 and Eq. 12 give the same split here.`,
      ...noEasy,
    ],
    short: [{ text: 'Eq. 12: ', bold: true }, ...KTH, ' > t, ', ...FP_HARD, ' = f — main term unchanged'],
  };
}

/** The caption-deciding logic of the Eq. 11/12 block and the Fig. 2 legend. */
export function epsCase(d: CaseInput, t: number, eps: number): EpsCase {
  const { f, b, fpHard, kthBg } = d;
  const epsText = printed(eps);
  if (b === 0) return noBackgroundCase();
  if (f === 0) return noForegroundCase(fpHard, epsText);
  if (kthBg === null || f > b) return allInTopCase(f, b, epsText);
  const digits = distinctDigits(kthBg, t);
  const relation = kthBg > t ? '>' : kthBg < t ? '<' : '=';
  const ranked: Ranked = {
    f,
    fpHard,
    epsText,
    cond: [...KTH, ` = ${printed(kthBg, digits)} ${relation} t = ${printed(t, digits)}`],
    noEasy: f === b ? [` b − f = 0: there is no easy background, so ε = ${epsText} changes nothing.`] : [],
  };
  if (relation === '<') return belowCase(ranked);
  if (relation === '=') return equalCase(ranked);
  // kthBg > t: the top f all lie above t, FP_hard ≥ f.
  return fpHard > f ? mainAlteredCase(ranked) : mainUnchangedCase(ranked);
}

/** The caption as plain text (sub/superscripts inline), for tests and aria labels. */
export function partsText(parts: readonly TextPart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');
}
