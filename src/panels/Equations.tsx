import { Fragment, useRef } from 'react';
import type { CSSProperties, MouseEvent, ReactNode } from 'react';
import 'katex/dist/katex.min.css';
import { Panel } from './Panel';
import { colors } from './colors';
import type { EquationProps, TermId } from './types';
import { LHS, SYMBOLIC, tex } from './equations/tex';
import { Assign, epsRows, eq10Rows, eq9Rows, Sym } from './equations/numbers';

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
  `.eq-num,.eq-inline{font-family:KaTeX_Main,'Times New Roman',serif;font-size:1.21em;font-variant-numeric:lining-nums}`,
  `.eq-inline{font-size:1.1em}`,
  `.eq-bin{padding:0 .2222em}`,
  `.eq-rel{padding:0 .2778em}`,
  `.eq-sym{font-family:KaTeX_Math,'Times New Roman',serif;font-style:italic}`,
  `.eq-sup{font-size:.7em;vertical-align:.45em;line-height:0}`,
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

const Tex = ({ src, className }: { src: string; className?: string }) => <span className={className} dangerouslySetInnerHTML={{ __html: tex(src) }} />;

/** The symbolic row in KaTeX (typeset once), then the numeric rows in HTML. */
function Aligned({ lhs, symbolic, rows }: { lhs: string; symbolic: string; rows: ReactNode[] }) {
  return (
    <div className="eq-aligned">
      <Tex className="eq-lhs" src={lhs} />
      <Tex src={symbolic} />
      {rows.map((row, k) => (
        <Fragment key={k}>
          <span />
          <span className="eq-num">{row}</span>
        </Fragment>
      ))}
    </div>
  );
}

const block: CSSProperties = { minWidth: 0, overflowX: 'auto', overflowY: 'hidden', padding: '2px 2px 6px' };
const caption: CSSProperties = { fontSize: 13, color: '#59636e', margin: '0 0 4px', lineHeight: 1.4 };
const tag: CSSProperties = { fontWeight: 600, color: '#1f2328', marginRight: 6 };

function termAt(target: EventTarget | null): TermId | null {
  if (!(target instanceof Element)) return null;
  const el = target.closest('[class*="term-"]');
  if (!el) return null;
  for (const c of el.classList) if (c.startsWith('term-')) return c.slice(5) as TermId;
  return null;
}

/** Eq. 9–10 (and 11 or 12 when Inter-CBL's ε is on), symbolic and with the live numbers. */
export function Equations({ d, t, eps, highlight, onHover }: EquationProps) {
  const last = useRef<TermId | null>(null);
  const emit = (term: TermId | null) => {
    if (last.current === term) return;
    last.current = term;
    onHover?.(term);
  };
  const onOver = (e: MouseEvent) => emit(termAt(e.target));
  const tAssign = <Assign name={<Sym>t</Sym>} value={t} />;

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
          <Tex src={SYMBOLIC.kth} />
          <Assign name={null} value={d.kthBg} /> {d.mainAltered ? '≥' : '<'} t
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
            <span style={tag}>Eq. 9</span>soft FP, split at {tAssign}
          </p>
          <Aligned lhs={LHS.fp} symbolic={SYMBOLIC.eq9} rows={eq9Rows(d)} />
        </div>
        <div style={block} data-testid="eq-10">
          <p style={caption}>
            <span style={tag}>Eq. 10</span>soft FN, split at {tAssign}
          </p>
          <Aligned lhs={LHS.fn} symbolic={SYMBOLIC.eq10} rows={eq10Rows(d)} />
        </div>
        {eps !== null ? (
          <div style={{ ...block, gridColumn: '1 / -1' }} data-testid={d.mainAltered ? 'eq-12' : 'eq-11'}>
            <p style={caption}>{epsCaption}</p>
            <Aligned lhs={LHS.fpEps} symbolic={d.mainAltered ? SYMBOLIC.eq12 : SYMBOLIC.eq11} rows={epsRows(d, eps)} />
          </div>
        ) : null}
      </div>
    </Panel>
  );
}
