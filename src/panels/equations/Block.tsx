/** The collapsible block the loss equations and Algorithm 1 are shown in, and the styles they share. */
import type { CSSProperties, ReactNode } from 'react';
import { INK, MUTED } from '../kit/theme';

export const caption: CSSProperties = { fontSize: 13, color: MUTED, margin: '2px 0 6px', lineHeight: 1.45 };
const summary: CSSProperties = { cursor: 'pointer', fontSize: 13, color: INK, padding: '3px 0' };
const body: CSSProperties = { padding: '4px 0 8px 14px', overflowX: 'auto', overflowY: 'hidden' };
export const inUse: CSSProperties = {
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
