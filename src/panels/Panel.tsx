import { createContext, useContext, type ReactNode } from 'react';

/**
 * The header actions every panel gets (export buttons), supplied by the app (src/ui) through
 * context, so panels draw without importing the UI layer above them (docs/architecture.md).
 */
export type PanelActions = (testId: string) => ReactNode;
export const PanelActionsContext = createContext<PanelActions>(() => null);

/** The frame every panel shares: a title, an optional toolbar, the app's actions and a stable test id. */
export function Panel({
  title,
  testId,
  tools,
  children,
  className,
}: {
  title: ReactNode;
  testId: string;
  tools?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const actions = useContext(PanelActionsContext);
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      <header className="panel-head">
        <h2>{title}</h2>
        <div className="panel-tools">
          {tools}
          {actions(testId)}
        </div>
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
