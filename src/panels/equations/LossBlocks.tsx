/**
 * The losses as equations (docs/design.md §1.3) and Algorithm 1 (§1.4), each in a collapsible
 * block: symbolic rows typeset once by KaTeX, live numbers as plain HTML. Memoised on the loss
 * terms, so moving t (which the losses do not depend on) re-renders nothing here.
 */
import { memo } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import type { LossTerms, SwitchFlags, SwitchSide } from '../../core/lossTerms';
import type { SwitchRule } from '../../core/stageCheck';
import { Aligned, Tex } from './Aligned';
import { distinctDigits, printed } from './epsCase';
import { balanceRows, interEpsRows, interRefRows, intraRows } from './lossRows';
import { Num } from './numbers';
import { LOSS_TEX } from './tex';
import { INK, MUTED } from '../kit/theme';

const caption: CSSProperties = { fontSize: 13, color: MUTED, margin: '2px 0 6px', lineHeight: 1.45 };
const summary: CSSProperties = { cursor: 'pointer', fontSize: 13, color: INK, padding: '3px 0' };
const body: CSSProperties = { padding: '4px 0 8px 14px', overflowX: 'auto', overflowY: 'hidden' };
const inUse: CSSProperties = {
  fontSize: 11,
  fontWeight: 600,
  color: '#1a7f37',
  border: '1px solid #1a7f37',
  borderRadius: 4,
  padding: '0 4px',
  marginLeft: 6,
};

/** A closed-by-default block with a one-line summary that already carries the value. */
export function Block({ testId, title, children }: { testId: string; title: ReactNode; children: ReactNode }) {
  return (
    <details data-testid={testId} style={{ gridColumn: '1 / -1', minWidth: 0 }}>
      <summary style={summary}>{title}</summary>
      <div style={body}>{children}</div>
    </details>
  );
}

const Value = ({ v, testId }: { v: number | null; testId: string }) => (
  <b data-testid={testId} className="eq-inline">
    {v === null ? '—' : <Num v={v} />}
  </b>
);

const NEEDS_PIXELS = 'Live numbers appear when the panel is given the shown image’s p and y.';

export interface LossBlocksProps {
  lt: LossTerms | null;
  flags: SwitchFlags | null;
  rule: SwitchRule;
  tHard: number;
  /** What the numbers are computed on, e.g. "validation image 3". */
  subject: string;
}

function IntraBlock({ lt, tHard, subject }: { lt: LossTerms | null; tHard: number; subject: string }) {
  const g = lt?.intra.groups;
  return (
    <Block
      testId="eq-intra"
      title={
        <>
          <b>Intra-CBL</b> — four groups at t<sub>h</sub> = {printed(tHard, 4)}:{' '}
          <Value v={lt?.intra.value ?? null} testId="eq-intra-value" />
        </>
      }
    >
      <p style={caption}>
        Per-pixel cross-entropy and group means (docs/design.md §1.3); the loss is the sum of the four group means, so
        each group weighs the same however many pixels it holds.
      </p>
      <p style={caption}>
        <Tex src={LOSS_TEX.ce} />
      </p>
      <p style={caption}>
        <Tex src={LOSS_TEX.groups} />
      </p>
      <p style={caption} data-testid="eq-intra-groups">
        {g ? (
          <>
            For {subject}: |FG<sub>h</sub>| = {g.fgHard.count}, |FG<sub>e</sub>| = {g.fgEasy.count}, |BG<sub>h</sub>| ={' '}
            {g.bgHard.count}, |BG<sub>e</sub>| = {g.bgEasy.count}
            {g.fgHard.count * g.fgEasy.count * g.bgHard.count * g.bgEasy.count === 0
              ? ' (an empty group contributes 0)'
              : ''}
            .
          </>
        ) : (
          NEEDS_PIXELS
        )}
      </p>
      <Aligned lhs={LOSS_TEX.intraLhs} symbolic={LOSS_TEX.intra} rows={lt ? intraRows(lt) : []} />
    </Block>
  );
}

function InterBlock({ lt, subject }: { lt: LossTerms | null; subject: string }) {
  const i = lt?.inter;
  const reference = i ? i.eps === 'reference' : true;
  const epsText = i ? printed(i.epsEquivalent, 3) : null;
  return (
    <Block
      testId="eq-inter"
      title={
        <>
          <b>Inter-CBL</b> — {reference ? 'the authors’ form (ε = reference)' : <>ε = {epsText}</>}:{' '}
          <Value v={i?.value ?? null} testId="eq-inter-value" />
        </>
      }
    >
      <p style={caption}>
        <Tex src={LOSS_TEX.hardSet} />
      </p>
      <p style={caption} data-testid="eq-inter-sets">
        {i ? (
          <>
            For {subject}: f = {i.f}, |H| = {i.h}, |E| = {i.e}, N = {i.N}
            {i.f === 0
              ? ' (f = 0: H is empty, the background term is Σ_BG ℓ / N)'
              : i.f > i.b
                ? ' (f > b: H is the whole background, E is empty)'
                : ''}
            .
          </>
        ) : (
          NEEDS_PIXELS
        )}
      </p>
      <p style={caption}>
        <b>The authors’ code</b> (ε = reference): an easy background pixel weighs f/N of a hard one.
        {reference ? <span style={inUse}>in use</span> : null}
      </p>
      <Aligned lhs={LOSS_TEX.interLhs} symbolic={LOSS_TEX.interRef} rows={lt ? interRefRows(lt) : []} />
      <p style={{ ...caption, marginTop: 10 }}>
        <b>The ε form</b>: an easy background pixel weighs ε of a hard one, as in Eq. 11–12. ε = f/N gives the authors’
        form (f ≥ 1); f = 0 makes the background term Σ<sub>BG</sub> ℓ / N whatever ε.
        {i ? reference ? <> Shown at ε = f/N = {epsText}.</> : <span style={inUse}>in use</span> : null}
      </p>
      <Aligned lhs={LOSS_TEX.interEpsLhs} symbolic={LOSS_TEX.interEps} rows={lt ? interEpsRows(lt) : []} />
    </Block>
  );
}

function BalanceBlock({ lt }: { lt: LossTerms | null }) {
  return (
    <Block
      testId="eq-balance"
      title={
        <>
          <b>Balance loss</b> — a·Intra-CBL + (1 − a)·Inter-CBL{lt ? <>, a = {printed(lt.balance.a, 3)}</> : null}:{' '}
          <Value v={lt?.balance.value ?? null} testId="eq-balance-value" />
        </>
      }
    >
      <p style={caption}>
        Stage 2 of Algorithm 1 trains with this mix; stage 1 with Intra-CBL alone. Per image, then the mean over the
        batch.
      </p>
      <Aligned lhs={LOSS_TEX.balanceLhs} symbolic={LOSS_TEX.balance} rows={lt ? balanceRows(lt) : []} />
    </Block>
  );
}

/** "0.05 ≤ 0.1 ✓": the comparison printed with enough digits to be true as shown. */
function Check({ side, op, bound, f }: { side: SwitchSide; op: '≤' | '≥'; bound: number; f: number }) {
  if (f === 0) return <span>f = 0: OK ✓</span>;
  const digits = distinctDigits(side.kth, bound);
  const holds = side.ok;
  const shown = holds ? op : op === '≤' ? '>' : '<';
  return (
    <span style={{ color: holds ? '#1a7f37' : '#cf222e' }}>
      {printed(side.kth, digits)} {shown} {printed(bound, digits)} {holds ? '✓' : '✗'}
    </span>
  );
}

const mono: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 12.5,
  lineHeight: 1.5,
  margin: '4px 0 8px',
  whiteSpace: 'pre',
  background: '#f6f8fa',
  borderRadius: 6,
  padding: '8px 10px',
  overflowX: 'auto',
};
const cell: CSSProperties = { padding: '3px 10px 3px 0', verticalAlign: 'top', textAlign: 'left' };

/** Algorithm 1 of the appendix, with its comments aligned in one column. */
const PSEUDOCODE = (
  [
    [' 1: if τ = false then', 'stage 1'],
    [' 2:   L ← Intra-CBL', ''],
    [' 3:   numF ← 0;  numB ← 0', ''],
    [' 4:   for i in 1, …, n do', 'the batch’s n images'],
    [' 5:     if fgOK(pᵢ, yᵢ) then numF ← numF + 1', ''],
    [' 6:     if bgOK(pᵢ, yᵢ) then numB ← numB + 1', ''],
    [' 7:   if numF ≥ n/2 ∧ numB ≥ n/2 then τ ← true', 'switch, for good'],
    [' 8: else', ''],
    [' 9:   L ← a·Intra-CBL + (1 − a)·Inter-CBL', 'stage 2: Balance loss'],
    ['10: return L, τ', ''],
  ] as const
)
  .map(([code, note]) => (note ? `${code.padEnd(48)}▷ ${note}` : code))
  .join('\n');

function Algorithm1Block({
  flags,
  rule,
  tHard,
  subject,
}: {
  flags: SwitchFlags | null;
  rule: SwitchRule;
  tHard: number;
  subject: string;
}) {
  const th = printed(tHard, 4);
  const rows: { id: SwitchRule; name: ReactNode; fg: ReactNode; bg: ReactNode; bound: number; op: '≤' | '≥' }[] = [
    {
      id: 'code',
      name: (
        <>
          <b>'code'</b> — the authors’ released code (default)
        </>
      ),
      fg: (
        <>
          sort<sub>des</sub>(y·(1 − p̃))<sub>f</sub> ≤ 1 − t<sub>h</sub>
        </>
      ),
      bg: (
        <>
          sort<sub>des</sub>((1 − y)·p̃)<sub>f</sub> ≤ 1 − t<sub>h</sub>
        </>
      ),
      bound: 1 - tHard,
      op: '≤',
    },
    {
      id: 'algorithm1',
      name: (
        <>
          <b>'algorithm1'</b> — the appendix as printed
        </>
      ),
      fg: (
        <>
          sort<sub>des</sub>(y·p̃)<sub>f</sub> ≥ t<sub>h</sub>
        </>
      ),
      bg: (
        <>
          sort<sub>des</sub>((1 − y)(1 − p̃))<sub>f</sub> ≥ t<sub>h</sub>
        </>
      ),
      bound: tHard,
      op: '≥',
    },
  ];
  return (
    <Block
      testId="eq-algorithm1"
      title={
        <>
          <b>Algorithm 1</b> — the two-stage schedule; switch rule '{rule}'
        </>
      }
    >
      <pre style={mono}>{PSEUDOCODE}</pre>
      <table style={{ borderCollapse: 'collapse', fontSize: 13 }}>
        <thead>
          <tr style={{ color: MUTED }}>
            <th style={cell}>rule</th>
            <th style={cell}>fgOK</th>
            <th style={cell}>bgOK</th>
            <th style={cell}>
              {flags ? (
                <>
                  {subject} (f = {flags.f}, t<sub>h</sub> = {th})
                </>
              ) : (
                'this image'
              )}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const s = flags?.[r.id];
            return (
              <tr
                key={r.id}
                data-testid={`eq-algorithm1-${r.id}`}
                style={{ background: r.id === rule ? '#ddf4ff' : undefined }}
              >
                <td style={cell}>
                  {r.name}
                  {r.id === rule ? <span style={inUse}>in use</span> : null}
                </td>
                <td style={cell}>{r.fg}</td>
                <td style={cell}>{r.bg}</td>
                <td style={cell}>
                  {s && flags ? (
                    <>
                      fg: <Check side={s.fg} op={r.op} bound={r.bound} f={flags.f} />
                      <br />
                      bg: <Check side={s.bg} op={r.op} bound={r.bound} f={flags.f} />
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p style={{ ...caption, marginTop: 6 }}>
        Each f-th largest is taken over all N pixels of the masked product. In words: 'code' asks that the
        best-predicted foreground pixel reach p̃ ≥ t<sub>h</sub> and that the f-th largest background prediction be ≤ 1 −
        t<sub>h</sub> (Eq. 11 with margin); 'algorithm1' asks that every foreground pixel reach t<sub>h</sub>. An image
        with f = 0 counts as OK for both.
      </p>
      <p style={caption} data-testid="eq-algorithm1-footnote">
        <b>Note:</b> the t in the appendix’s Algorithm 1 is t<sub>h</sub>, the hard-sample threshold (Eq. 13 of the main
        text, here {th}), not the decomposition’s threshold t of Eq. 1–12.
      </p>
    </Block>
  );
}

/** Intra-CBL, Inter-CBL, the Balance loss and Algorithm 1, as collapsible blocks. */
export const LossBlocks = memo(function LossBlocks({ lt, flags, rule, tHard, subject }: LossBlocksProps) {
  return (
    <>
      <IntraBlock lt={lt} tHard={tHard} subject={subject} />
      <InterBlock lt={lt} subject={subject} />
      <BalanceBlock lt={lt} />
      <Algorithm1Block flags={flags} rule={rule} tHard={tHard} subject={subject} />
    </>
  );
});
