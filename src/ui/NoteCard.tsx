import { useState, type ReactNode } from 'react';

/**
 * A titled note in the page's flow above the panels — a scenario's story, a slide's note — so it
 * never lies over a figure while presenting (issue 23). It collapses to its title line and back.
 */
export function NoteCard({
  title,
  text,
  testId,
  collapseTestId,
  onClose,
  closeLabel = 'Close',
  children,
}: {
  title: ReactNode;
  text: ReactNode;
  testId: string;
  collapseTestId: string;
  /** Without it the card has no close button (only collapse). */
  onClose?: () => void;
  closeLabel?: string;
  /** Extra content that belongs to the card's life, e.g. a stylesheet outlining panels. */
  children?: ReactNode;
}) {
  const [collapsed, setCollapsed] = useState(false);
  return (
    <div className={`note-card ${collapsed ? 'collapsed' : ''}`} data-testid={testId} role="note">
      {children}
      <div className="note-card-body">
        <strong>{title}</strong>
        {collapsed ? null : <p>{text}</p>}
      </div>
      <div className="note-card-buttons">
        <button
          type="button"
          data-testid={collapseTestId}
          aria-expanded={!collapsed}
          aria-label={collapsed ? 'Show the note' : 'Collapse the note'}
          title={collapsed ? 'Show the note' : 'Collapse the note to its title'}
          onClick={() => setCollapsed((c) => !c)}
        >
          {collapsed ? '▸' : '▾'}
        </button>
        {onClose ? (
          <button type="button" aria-label={closeLabel} title={closeLabel} onClick={onClose}>
            ×
          </button>
        ) : null}
      </div>
    </div>
  );
}
