import type { ReactNode } from 'react';
import { ExportButtons } from '../ui/ExportButtons';

/** The frame every panel shares: a title, an optional toolbar, export buttons and a stable test id. */
export function Panel({ title, testId, tools, children, className }: { title: ReactNode; testId: string; tools?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      <header className="panel-head">
        <h2>{title}</h2>
        <div className="panel-tools">
          {tools}
          <ExportButtons testId={testId} />
        </div>
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
