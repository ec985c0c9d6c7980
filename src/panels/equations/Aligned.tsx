import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { tex } from './tex';

/** KaTeX HTML of a fixed string (typeset once, cached by tex()). */
export const Tex = ({ src, className }: { src: string; className?: string }) => (
  <span className={className} dangerouslySetInnerHTML={{ __html: tex(src) }} />
);

/** The symbolic row in KaTeX (typeset once), then the numeric rows in HTML. */
export function Aligned({ lhs, symbolic, rows }: { lhs: string; symbolic: string; rows: ReactNode[] }) {
  return (
    <div className="eq-aligned">
      <Tex className="eq-lhs" src={lhs} />
      <Tex src={symbolic} />
      {rows.map((row, k) => (
        <Fragment key={k}>
          <span />
          <span className="eq-num">{row}</span>
        </Fragment>
      ))}
    </div>
  );
}
