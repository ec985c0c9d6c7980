/**
 * Algorithm 1 of the appendix (docs/design.md §1.4), paraphrased: its pseudocode in 10 lines, and
 * both switch rules' per-image tests with this image's numbers.
 */
import type { CSSProperties, ReactNode } from 'react';
import type { SwitchFlags, SwitchSide } from '../../core/lossTerms';
import type { SwitchRule } from '../../core/stageRule';
import { MUTED } from '../kit/theme';
import { Block, caption, inUse } from './Block';
import { distinctDigits, printed } from './epsCase';

type Op = '≤' | '≥';

/** "0.05 ≤ 0.1 ✓": the comparison printed with enough digits to be true as shown. */
function Check({ side, op, bound, f }: { side: SwitchSide; op: Op; bound: number; f: number }) {
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

/**
 * A paraphrase of the appendix's 19-line Algorithm 1, with its comments aligned in one column:
 * fgOK and bgOK stand for its lines 6 and 9 (the two switch rules define them), and its line 17's
 * "Balance loss" is written out as the authors' trainer computes it.
 */
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

/** One switch rule: its name, its two tests, and the bound each f-th largest is compared with. */
interface SwitchRuleInfo {
  id: SwitchRule;
  name: ReactNode;
  fg: ReactNode;
  bg: ReactNode;
  bound: (tHard: number) => number;
  op: Op;
}

const SWITCH_RULES: SwitchRuleInfo[] = [
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
    bound: (tHard) => 1 - tHard,
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
    bound: (tHard) => tHard,
    op: '≥',
  },
];

/** One rule's row; the rule in use is highlighted and tagged. */
function SwitchRuleRow({
  r,
  flags,
  inUseNow,
  tHard,
}: {
  r: SwitchRuleInfo;
  flags: SwitchFlags | null;
  inUseNow: boolean;
  tHard: number;
}) {
  const s = flags?.[r.id];
  const bound = r.bound(tHard);
  return (
    <tr data-testid={`eq-algorithm1-${r.id}`} style={{ background: inUseNow ? '#ddf4ff' : undefined }}>
      <td style={cell}>
        {r.name}
        {inUseNow ? <span style={inUse}>in use</span> : null}
      </td>
      <td style={cell}>{r.fg}</td>
      <td style={cell}>{r.bg}</td>
      <td style={cell}>
        {s && flags ? (
          <>
            fg: <Check side={s.fg} op={r.op} bound={bound} f={flags.f} />
            <br />
            bg: <Check side={s.bg} op={r.op} bound={bound} f={flags.f} />
          </>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

interface Algorithm1Props {
  flags: SwitchFlags | null;
  rule: SwitchRule;
  tHard: number;
  subject: string;
}

/** Both rules' fgOK and bgOK tests, with this image's f-th largest values against the bound. */
function SwitchTable({ flags, rule, tHard, subject }: Algorithm1Props) {
  return (
    <table style={{ borderCollapse: 'collapse', fontSize: 13 }}>
      <thead>
        <tr style={{ color: MUTED }}>
          <th style={cell}>rule</th>
          <th style={cell}>fgOK</th>
          <th style={cell}>bgOK</th>
          <th style={cell}>
            {flags ? (
              <>
                {subject} (f = {flags.f}, t<sub>h</sub> = {printed(tHard, 4)})
              </>
            ) : (
              'this image'
            )}
          </th>
        </tr>
      </thead>
      <tbody>
        {SWITCH_RULES.map((r) => (
          <SwitchRuleRow key={r.id} r={r} flags={flags} inUseNow={r.id === rule} tHard={tHard} />
        ))}
      </tbody>
    </table>
  );
}

export function Algorithm1Block({ flags, rule, tHard, subject }: Algorithm1Props) {
  return (
    <Block
      testId="eq-algorithm1"
      title={
        <>
          <b>Algorithm 1</b>, paraphrased — the two-stage schedule; switch rule '{rule}'
        </>
      }
    >
      <p style={caption} data-testid="eq-algorithm1-paraphrase">
        A paraphrase of the appendix’s Algorithm 1 (19 lines): fgOK and bgOK stand for its tests in lines 6 and 9
        (defined by the switch rule, below), and line 17’s “Balance loss” is written out as a·Intra-CBL + (1 −
        a)·Inter-CBL, as the authors’ trainer computes it.
      </p>
      <pre style={mono}>{PSEUDOCODE}</pre>
      <SwitchTable flags={flags} rule={rule} tHard={tHard} subject={subject} />
      <p style={{ ...caption, marginTop: 6 }}>
        Each f-th largest is taken over all N pixels of the masked product. In words: 'code' asks that the
        best-predicted foreground pixel reach p̃ ≥ t<sub>h</sub> and that the f-th largest background prediction be ≤ 1 −
        t<sub>h</sub>, which implies Eq. 11 (sort<sub>des</sub>(p<sup>bg</sup>)<sub>f</sub> &lt; t) only when 1 − t
        <sub>h</sub> &lt; t; 'algorithm1' asks that every foreground pixel reach t<sub>h</sub>. An image with f = 0
        counts as OK for both.
      </p>
      <p style={caption} data-testid="eq-algorithm1-footnote">
        <b>Note:</b> the t in the appendix’s Algorithm 1 is t<sub>h</sub>, the hard-sample threshold (Eq. 13 of the main
        text, here {printed(tHard, 4)}), not the decomposition’s threshold t of Eq. 1–12.
      </p>
    </Block>
  );
}
