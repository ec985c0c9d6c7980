/**
 * The losses as equations (docs/design.md §1.3) and Algorithm 1 (§1.4), each in a collapsible
 * block: symbolic rows typeset once by KaTeX, live numbers as plain HTML. Memoised on the loss
 * terms, so moving t (which the losses do not depend on) re-renders nothing here.
 */
import { memo } from 'react';
import type { LossTerms, SwitchFlags } from '../../core/lossTerms';
import type { SwitchRule } from '../../core/stageRule';
import { Algorithm1Block } from './Algorithm1Block';
import { Aligned, Tex } from './Aligned';
import { Block, caption, inUse } from './Block';
import { printed } from './epsCase';
import { balanceRows, interEpsRows, interRefRows, intraRows } from './lossRows';
import { Num } from './numbers';
import { LOSS_TEX } from './tex';

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
        form (f ≥ 1); f = 0 makes the background term Σ<sub>BG</sub> ℓ / N whatever ε, although the FP-with-ε split of
        Eq. 11–12 then puts ε on every background pixel.
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
