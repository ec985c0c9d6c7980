/**
 * "Where the loss pushes": for every registered loss, the share of Σ|∂L/∂z| that falls on the
 * four pixel groups at the current t (FG-main, FG-bias, BG-main, BG-bias; docs/design.md §1.3).
 * This is what differs between losses by construction, on any prediction, with no training.
 * Plain HTML (no d3): a slider move only changes four widths and four numbers per row.
 */
import { memo, type CSSProperties, type ReactNode } from 'react';
import type { GradGroup, GradientShares as Shares, LossId } from '../core';
import { lossInfo, lossNotes } from '../core/lossInfo';
import { colors, INK, MUTED } from './kit/theme';
import { grouped, sharePercent } from './kit/format';
import { Panel } from './Panel';

export const GROUP_LABEL: Record<GradGroup, string> = {
  fgMain: 'FG main',
  fgBias: 'FG bias',
  bgMain: 'BG main',
  bgBias: 'BG bias',
};

/** Foreground errors are FN, so they take the FN colours; background takes the FP colours. */
export const GROUP_COLOR: Record<GradGroup, string> = {
  fgMain: colors.fnMain,
  fgBias: colors.fnBias,
  bgMain: colors.fpMain,
  bgBias: colors.fpBias,
};

const GROUPS: readonly GradGroup[] = ['fgMain', 'fgBias', 'bgMain', 'bgBias'];

const GROUP_RULE: Record<GradGroup, string> = {
  fgMain: 'y = 1 and 1 − p ≥ t (a missed foreground pixel; at t = 0.5 the test metric counts it too)',
  fgBias: 'y = 1 and 1 − p < t (a foreground pixel already on the right side of t)',
  bgMain: 'y = 0 and p > t (a false positive; at t = 0.5 the test metric counts it too)',
  bgBias: 'y = 0 and p ≤ t (the long tail of small background predictions)',
};

export interface GradientSharesProps {
  shares: Record<LossId, Shares>;
  /** Pixels in each group (the same for every loss). */
  counts: Record<GradGroup, number>;
  /** The loss the run trains with now (highlighted), e.g. Intra-CBL in Balance's stage 1. */
  trained: LossId | null;
  trainedNote?: string;
  /** The loss whose per-pixel map is shown; clicking a row chooses it. */
  chosen?: LossId | null;
  onChoose?: (loss: LossId) => void;
  t: number;
  /** What the shares are computed on, e.g. "validation image 2". */
  subject: string;
  testId: string;
  title?: string;
  /** Extra content under the bars (the per-pixel map). */
  children?: ReactNode;
}

const row: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'minmax(64px, 118px) minmax(60px, 1fr) repeat(4, minmax(40px, 50px))',
  alignItems: 'center',
  columnGap: 6,
  padding: '2px 4px',
  borderRadius: 4,
};
const num: CSSProperties = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', fontSize: 12.5 };

function bgBiasSentence(shares: Record<LossId, Shares>, trained: LossId | null): string {
  const bce = shares.bce?.bgBias;
  if (bce === undefined) return '';
  const first = `BCE puts ${sharePercent(bce)} of its push on background bias pixels`;
  if (!trained || trained === 'bce') return `${first}.`;
  return `${first}; ${lossInfo[trained].label} puts ${sharePercent(shares[trained].bgBias)} there.`;
}

/** A group's tooltip: its rule and how many pixels are in it. */
const groupTitle = (g: GradGroup, counts: Record<GradGroup, number>): string =>
  `${GROUP_LABEL[g]}: ${GROUP_RULE[g]}; ${grouped(counts[g])} pixels`;

/** The colour key of the four groups above the table. */
function GroupKey({ counts }: { counts: Record<GradGroup, number> }) {
  return (
    <div
      style={{
        display: 'flex',
        gap: '2px 12px',
        flexWrap: 'wrap',
        fontSize: 12,
        color: MUTED,
        margin: '0 0 4px 4px',
      }}
    >
      {GROUPS.map((g) => (
        <span key={g} title={groupTitle(g, counts)}>
          <span style={{ color: GROUP_COLOR[g] }}>■</span> {GROUP_LABEL[g]}
        </span>
      ))}
    </div>
  );
}

function HeaderRow({ counts }: { counts: Record<GradGroup, number> }) {
  return (
    <div role="row" style={{ ...row, color: MUTED, fontWeight: 600, fontSize: 12 }}>
      <span role="columnheader">loss</span>
      <span role="columnheader">share of Σ|∂L/∂z|</span>
      {/* Ink text with a coloured underline: the group colours themselves are too light for 11 px text (WCAG AA). */}
      {GROUPS.map((g) => (
        <span
          role="columnheader"
          key={g}
          style={{
            ...num,
            fontSize: 11,
            lineHeight: 1.1,
            color: INK,
            boxShadow: `inset 0 -3px 0 ${GROUP_COLOR[g]}`,
          }}
          title={groupTitle(g, counts)}
        >
          {GROUP_LABEL[g]}
        </span>
      ))}
    </div>
  );
}

interface LossRowProps {
  id: LossId;
  s: Shares;
  isTrained: boolean;
  isChosen: boolean;
  trainedNote?: string;
  onChoose?: (loss: LossId) => void;
}

/** One loss: its name (▸ when it is the one being trained), the stacked shares bar and the four percentages. */
function LossRow({ id, s, isTrained, isChosen, trainedNote, onChoose }: LossRowProps) {
  return (
    <div
      role="row"
      data-testid={`grad-row-${id}`}
      data-trained={isTrained ? 'true' : undefined}
      title={GROUPS.map((g) => `${GROUP_LABEL[g]} ${sharePercent(s[g])}`).join(' · ')}
      onClick={onChoose ? () => onChoose(id) : undefined}
      style={{
        ...row,
        cursor: onChoose ? 'pointer' : undefined,
        background: isTrained ? 'rgba(213,94,0,0.08)' : undefined,
        outline: isChosen ? `1.5px solid ${MUTED}` : undefined,
      }}
    >
      <span
        role="rowheader"
        style={{
          fontWeight: isTrained ? 700 : 500,
          whiteSpace: 'nowrap',
          overflow: 'hidden',
          textOverflow: 'ellipsis',
        }}
        title={`${lossInfo[id].label}${isTrained ? ` · the loss being trained${trainedNote ? ` ${trainedNote}` : ''}` : ''}${lossNotes[id] ? `. ${lossNotes[id]}` : ''}`}
      >
        {isTrained ? '▸ ' : ''}
        {shortLabel(id)}
      </span>
      <span
        role="cell"
        style={{ display: 'flex', height: 16, borderRadius: 3, overflow: 'hidden', background: '#eef0f3' }}
        aria-hidden="true"
      >
        {GROUPS.map((g) => (
          <span key={g} style={{ width: `${100 * s[g]}%`, background: GROUP_COLOR[g] }} />
        ))}
      </span>
      {GROUPS.map((g) => (
        <span
          role="cell"
          key={g}
          style={num}
          data-testid={`grad-share-${id}-${g}`}
          title={`${lossInfo[id].label} · ${GROUP_LABEL[g]}`}
        >
          {sharePercent(s[g])}
        </span>
      ))}
    </div>
  );
}

/** Under the table: which loss is trained, the pixel counts, and what the shares do not say. */
function Footnote({ counts, trained, trainedNote }: Pick<GradientSharesProps, 'counts' | 'trained' | 'trainedNote'>) {
  return (
    <p className="hint" style={{ margin: '6px 0 0' }}>
      {trained ? (
        <>
          ▸ {lossInfo[trained].label}: the loss being trained{trainedNote ? ` ${trainedNote}` : ''}.{' '}
        </>
      ) : null}
      Pixels: FG main {grouped(counts.fgMain)}, FG bias {grouped(counts.fgBias)}, BG main {grouped(counts.bgMain)}, BG
      bias {grouped(counts.bgBias)}. The shares are a property of the loss on these predictions; they say where the next
      step pushes, not what training will end with.
    </p>
  );
}

function GradientSharesPanel({
  shares,
  counts,
  trained,
  trainedNote,
  chosen = null,
  onChoose,
  t,
  subject,
  testId,
  title = 'Where the loss pushes',
  children,
}: GradientSharesProps) {
  const ids = Object.keys(shares) as LossId[];
  const summary = bgBiasSentence(shares, trained);
  return (
    <Panel title={title} testId={testId}>
      <p className="hint" style={{ margin: '0 0 6px' }}>
        Share of Σ|∂L/∂z| (p = σ(z)) per pixel group at t = {t.toFixed(3)}, on {subject}. {summary}
      </p>
      <GroupKey counts={counts} />
      <div role="table" aria-label={`Gradient shares per loss at t = ${t.toFixed(3)}`} style={{ fontSize: 13 }}>
        <HeaderRow counts={counts} />
        {ids.map((id) => (
          <LossRow
            key={id}
            id={id}
            s={shares[id]}
            isTrained={id === trained}
            isChosen={id === chosen}
            trainedNote={trainedNote}
            onChoose={onChoose}
          />
        ))}
      </div>
      <Footnote counts={counts} trained={trained} trainedNote={trainedNote} />
      {children}
    </Panel>
  );
}

const SHORT: Partial<Record<LossId, string>> = { wce: 'WCE', tversky: 'Tversky', focal: 'Focal', balance: 'Balance' };
const shortLabel = (id: LossId): string => SHORT[id] ?? lossInfo[id].label;

/** Memoised: props change only when t, t_h, ε, a or the predictions do. */
export const GradientShares = memo(GradientSharesPanel);
