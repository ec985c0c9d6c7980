/** The collapsible block the loss equations and Algorithm 1 are shown in, and the styles they share. */
import { createContext, useContext, useState, type CSSProperties, type ReactNode } from 'react';
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

/** Whether the blocks start open (closed in the app; the gallery shows them open too). */
export const BlocksOpen = createContext(false);

/**
 * A `<details>` whose body exists only while it is open: closed, the page holds its summary
 * alone, so the equations' thousands of KaTeX nodes are neither built at load nor laid out on
 * every slider input (issue 19).
 */
export function Collapsible({
  testId,
  title,
  children,
  bodyStyle = body,
}: {
  testId: string;
  title: ReactNode;
  children: ReactNode;
  bodyStyle?: CSSProperties;
}) {
  const [open, setOpen] = useState(useContext(BlocksOpen));
  return (
    <details
      data-testid={testId}
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      style={{ gridColumn: '1 / -1', minWidth: 0 }}
    >
      <summary style={summary}>{title}</summary>
      {open ? <div style={bodyStyle}>{children}</div> : null}
    </details>
  );
}

/** A closed-by-default block with a one-line summary that already carries the value. */
export function Block({ testId, title, children }: { testId: string; title: ReactNode; children: ReactNode }) {
  return (
    <Collapsible testId={testId} title={title}>
      {children}
    </Collapsible>
  );
}
