import type { ReactNode } from 'react';

/** The frame every panel shares: a title, an optional toolbar, and a stable test id. */
export function Panel({ title, testId, tools, children, className }: { title: ReactNode; testId: string; tools?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      <header className="panel-head">
        <h2>{title}</h2>
        {tools ? <div className="panel-tools">{tools}</div> : null}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
