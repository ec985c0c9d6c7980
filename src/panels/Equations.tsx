import { memo, useMemo, useRef } from 'react';
import type { CSSProperties, MouseEvent, ReactNode } from 'react';
import { lossTerms, switchFlags, type LossTerms } from '../core/lossTerms';
import type { SwitchRule } from '../core/stageRule';
import type { EpsSetting } from '../core/types';
import { Panel } from './Panel';
import { colors, INK, MUTED } from './kit/theme';
import type { EquationProps, TermId } from './types';
import { EQ1_8, LHS, SYMBOLIC, SYMBOLIC_EPS } from './equations/tex';
import { Assign, epsRows, eq10Rows, eq9Rows, Sym } from './equations/numbers';
import { Aligned } from './equations/Aligned';
import { eq1to8Rows, type Eq18 } from './equations/derivation';
import { epsCase, type EpsCase } from './equations/epsCase';
import { LossBlocks } from './equations/LossBlocks';
import { useLoadKatexWhenNear } from './equations/katexLoader';
import { Block } from './equations/Block';
import type { TextPart } from './kit/text';

/**
 * The panel's props: Eq. 9–12 need only the decomposition; the loss blocks (Intra-CBL, Inter-CBL,
 * Balance loss, Algorithm 1; docs/design.md §1.3–1.4) need one image's pixels or precomputed terms.
 * Every addition is optional, so callers that pass only `d, t, eps` still compile.
 */
export interface EquationsProps extends EquationProps {
  /** One image's predictions and labels, for the loss numbers (computed here, O(N), not on t moves). */
  p?: ArrayLike<number>;
  y?: ArrayLike<number>;
  /** Precomputed loss terms; used instead of p, y when given. */
  lossTerms?: LossTerms | null;
  /** Intra-CBL's hard-sample threshold t_h (default 0.9). */
  tHard?: number;
  /** Balance loss mix a (default 0.5). */
  a?: number;
  /** Inter-CBL's ε setting as the loss uses it: a number or 'reference' (default). */
  epsSetting?: EpsSetting;
  /** Algorithm 1's switch rule to mark as in use (default 'code'). */
  switchRule?: SwitchRule;
  /** What p, y are, for the captions (default "the shown image"). */
  lossSubject?: string;
}

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

/**
 * An aligned block as a two-column grid (left-hand side | "= …" rows), KaTeX's metrics for the
 * numbers (1.21em KaTeX_Main, TeX's operator spacing), term tints with a coloured underline
 * (dashed pink for ε-weighted terms) and a stronger tint when highlighted.
 */
const CSS = [
  `.eq-aligned{display:grid;grid-template-columns:max-content max-content;align-items:baseline;row-gap:5px;white-space:nowrap}`,
  `.eq-lhs{justify-self:end}`,
  `.eq-num,.eq-inline{font-family:KaTeX_Main,'Lab Sans',serif;font-size:1.21em;font-variant-numeric:lining-nums}`,
  `.eq-inline{font-size:1.1em}`,
  `.eq-bin{padding:0 .2222em}`,
  `.eq-rel{padding:0 .2778em}`,
  `.eq-sym{font-family:KaTeX_Math,'Lab Sans',serif;font-style:italic}`,
  `.eq-sup{font-size:.7em;vertical-align:.45em;line-height:0}`,
  `.eq-note{font-family:inherit;font-size:.75em;color:${MUTED}}`,
  `.eqs details>summary::marker{color:${MUTED}}`,
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

const block: CSSProperties = { minWidth: 0, overflowX: 'auto', overflowY: 'hidden', padding: '2px 2px 6px' };
/** A block scrolls sideways on a narrow screen, so the keyboard must reach it (axe: scrollable-region-focusable). */
const scrollable = (label: string) => ({ tabIndex: 0, role: 'group', 'aria-label': label }) as const;
const caption: CSSProperties = { fontSize: 13, color: MUTED, margin: '0 0 4px', lineHeight: 1.4 };
const tag: CSSProperties = { fontWeight: 600, color: INK, marginRight: 6 };

function termAt(target: EventTarget | null): TermId | null {
  if (!(target instanceof Element)) return null;
  const el = target.closest('[class*="term-"]');
  if (!el) return null;
  for (const c of el.classList) if (c.startsWith('term-')) return c.slice(5) as TermId;
  return null;
}

/** Caption parts (sub/superscripts) as HTML. */
function Parts({ parts }: { parts: readonly TextPart[] }): ReactNode {
  return parts.map((part, k) => {
    if (typeof part === 'string') return <span key={k}>{part}</span>;
    if (part.sub) return <sub key={k}>{part.text}</sub>;
    if (part.sup) return <sup key={k}>{part.text}</sup>;
    if (part.bold) return <b key={k}>{part.text}</b>;
    return <span key={k}>{part.text}</span>;
  });
}

const EPS_SYMBOLIC: Record<EpsCase['form'], string> = {
  eq11: SYMBOLIC.eq11,
  eq12: SYMBOLIC.eq12,
  allEps: SYMBOLIC_EPS.allEps,
  noEps: SYMBOLIC_EPS.noEps,
};

const EQ18_CAPTION: Record<Eq18, ReactNode> = {
  eq1: 'hard FP: background pixels above t',
  eq2: 'hard FN: foreground pixels with error 1 − p ≥ t (note ≥, not >)',
  eq3: 'soft FP split at t',
  eq4: 'soft FN split at t',
  eq5: 'mean error of the hard FP (Eq. 9’s main term is this · FP_hard)',
  eq6: 'mean error of the rest of the background (Eq. 9’s bias)',
  eq7: 'mean error of the hard FN (Eq. 10’s main term)',
  eq8: 'mean error of the rest of the foreground (Eq. 10’s bias)',
};

const DERIVATION_BODY: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))',
  gap: '6px 28px',
  padding: '4px 0 8px 14px',
};

/** Eq. 1–8: where Eq. 9–10 come from, with the live numbers (closed by default). */
function Derivation({ d, t }: { d: EquationProps['d']; t: number }) {
  return (
    <Block
      testId="eq-3-8"
      bodyStyle={DERIVATION_BODY}
      title={
        <>
          <b>Where Eq. 9–10 come from (Eq. 1–8)</b> — hard counts, the main/bias split, the mean errors
        </>
      }
    >
      <DerivationRows d={d} t={t} />
    </Block>
  );
}

/** The rows of Eq. 1–8, computed only while the block is open. */
function DerivationRows({ d, t }: { d: EquationProps['d']; t: number }) {
  const rows = eq1to8Rows(d);
  const keys = Object.keys(EQ1_8) as Eq18[];
  return (
    <>
      {keys.map((k) => (
        <div
          key={k}
          style={k === 'eq3' || k === 'eq4' ? { ...block, gridColumn: '1 / -1' } : block}
          data-testid={`eq-${k.slice(2)}`}
          {...scrollable(`Eq. ${k.slice(2)}`)}
        >
          <p style={caption}>
            <span style={tag}>Eq. {k.slice(2)}</span>
            {EQ18_CAPTION[k]}
            {k === 'eq1' || k === 'eq2' ? (
              <>
                , <Assign name={<Sym>t</Sym>} value={t} />
              </>
            ) : null}
          </p>
          <Aligned lhs={EQ1_8[k].lhs} symbolic={EQ1_8[k].rhs} rows={rows[k]} />
        </div>
      ))}
      <p style={{ ...caption, gridColumn: '1 / -1' }}>
        Substituting Eq. 5–8 into Eq. 3–4 gives Eq. 9–10: each sum is a mean error times a count. A mean over an empty
        set is 0 (docs/design.md §1.1).
      </p>
    </>
  );
}

/** Hover over a term's tint reports it once per change (mouseover fires for every child). */
function useTermHoverEmitter(onHover: EquationsProps['onHover']) {
  const last = useRef<TermId | null>(null);
  const emit = (term: TermId | null) => {
    if (last.current === term) return;
    last.current = term;
    onHover?.(term);
  };
  return { onOver: (e: MouseEvent) => emit(termAt(e.target)), onLeave: () => emit(null) };
}

/** The losses do not depend on t: recomputed only when the pixels, t_h, ε or a change. */
function useLossNumbers({ lossTerms: given, p, y, tHard, epsSetting, a }: LossInputs) {
  const lt = useMemo(
    () => given ?? (p && y ? lossTerms(p, y, { tHard, eps: epsSetting, a }) : null),
    [given, p, y, tHard, epsSetting, a],
  );
  const flags = useMemo(() => (p && y ? switchFlags(p, y, tHard) : null), [p, y, tHard]);
  return { lt, flags };
}

type LossInputs = Pick<EquationsProps, 'lossTerms' | 'p' | 'y'> & { tHard: number; epsSetting: EpsSetting; a: number };

/** Eq. 9 or 10: one soft sum split at t. */
function SoftSplit({ eq, d, t }: { eq: 9 | 10; d: EquationProps['d']; t: number }) {
  const fp = eq === 9;
  return (
    <div style={block} data-testid={`eq-${eq}`} {...scrollable(`Eq. ${eq}`)}>
      <p style={caption}>
        {/* One string per text run: server rendering would put <!-- --> between adjacent ones. */}
        <span style={tag}>{`Eq. ${eq}`}</span>
        {`soft ${fp ? 'FP' : 'FN'}, split at `}
        <Assign name={<Sym>t</Sym>} value={t} />
      </p>
      <Aligned
        lhs={fp ? LHS.fp : LHS.fn}
        symbolic={fp ? SYMBOLIC.eq9 : SYMBOLIC.eq10}
        rows={fp ? eq9Rows(d) : eq10Rows(d)}
      />
    </div>
  );
}

/** Eq. 11 vs 12 (docs/design.md §1.4b): Eq. 12 ⇔ kthBg ≥ t; the numbers use the exact split. */
function EpsSplit({ d, eps, c }: { d: EquationProps['d']; eps: number; c: EpsCase }) {
  const ratioText = (num: number, den: number) => (den > 0 ? ` (×${Number((num / den).toPrecision(2))})` : '');
  const effect = c.mainAltered ? ratioText(d.fpMainW, d.fpMain) : ratioText(d.fpBiasW, d.fpBias);
  return (
    <div
      style={{ ...block, gridColumn: '1 / -1' }}
      data-testid={c.eq === 12 ? 'eq-12' : 'eq-11'}
      data-form={c.form}
      {...scrollable(c.tag)}
    >
      <p style={caption}>
        <span style={{ ...tag, color: c.mainAltered ? colors.fpMain : tag.color }}>{c.tag}</span>
        <span data-testid="eq-eps-caption">
          <Parts parts={c.caption} />
        </span>
        {effect ? (
          <span title={c.mainAltered ? 'ε-weighted main term / main term' : 'ε-weighted bias / bias'}>{effect}</span>
        ) : null}
      </p>
      <Aligned lhs={LHS.fpEps} symbolic={EPS_SYMBOLIC[c.form]} rows={epsRows(d, eps, c.form)} />
    </div>
  );
}

/** Eq. 9–10 (and 11 or 12 when Inter-CBL's ε is on), symbolic and with the live numbers; then Eq. 1–8, the losses and Algorithm 1. */
function EquationsPanel({
  d,
  t,
  eps,
  highlight,
  onHover,
  p,
  y,
  lossTerms: given,
  tHard = 0.9,
  a = 0.5,
  epsSetting = 'reference',
  switchRule = 'code',
  lossSubject = 'the shown image',
}: EquationsProps) {
  const { onOver, onLeave } = useTermHoverEmitter(onHover);
  const { lt, flags } = useLossNumbers({ lossTerms: given, p, y, tHard, epsSetting, a });
  const c = eps !== null ? epsCase(d, t, eps) : null;
  const near = useRef<HTMLDivElement>(null);
  useLoadKatexWhenNear(near);
  return (
    <Panel title="Equations (Eq. 1–12, the losses, Algorithm 1)" testId="panel-equations">
      <style>{CSS}</style>
      <div
        ref={near}
        className="eqs"
        data-hl={highlight ?? undefined}
        onMouseOver={onOver}
        onMouseLeave={onLeave}
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))',
          gap: '8px 28px',
          fontSize: 14,
        }}
      >
        <SoftSplit eq={9} d={d} t={t} />
        <SoftSplit eq={10} d={d} t={t} />
        <Derivation d={d} t={t} />
        {c && eps !== null ? <EpsSplit d={d} eps={eps} c={c} /> : null}
        <LossBlocks lt={lt} flags={flags} rule={switchRule} tHard={tHard} subject={lossSubject} />
      </div>
    </Panel>
  );
}

/** Memoised: a panel whose inputs did not change (e.g. off screen while t moves) is not rendered again. */
export const Equations = memo(EquationsPanel);
