/** The collapsible block the loss equations and Algorithm 1 are shown in, and the styles they share. */
import { createContext, useContext, useState } from 'react';
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

/**
 * Whether blocks start open. The app leaves them closed; a test or a page that must show every
 * number at once (the panel gallery) provides `true`.
 */
export const BlocksOpen = createContext(false);

interface BlockProps {
  testId: string;
  title: ReactNode;
  children: ReactNode;
  /** Replaces the body's default style (padding, sideways scroll). */
  bodyStyle?: CSSProperties;
}

/**
 * A closed-by-default block with a one-line summary that already carries the value. Its body is
 * rendered only while open: closed, the equations' KaTeX would be thousands of DOM elements at
 * load that nobody sees (issue 19, "A light page").
 */
export function Block({ testId, title, children, bodyStyle = body }: BlockProps) {
  const [open, setOpen] = useState(useContext(BlocksOpen));
  return (
    <details
      data-testid={testId}
      style={{ gridColumn: '1 / -1', minWidth: 0 }}
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary style={summary}>{title}</summary>
      {open ? <div style={bodyStyle}>{children}</div> : null}
    </details>
  );
}
