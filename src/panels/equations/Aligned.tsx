import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { useKatex } from './katexLoader';
import { tex } from './tex';

/**
 * KaTeX HTML of a fixed string (typeset once, cached by tex()). Until KaTeX has loaded, an empty
 * placeholder marked `data-loading`, which a panel export waits for (export/panelSvg.ts).
 */
export function Tex({ src, className }: { src: string; className?: string }) {
  const katex = useKatex();
  if (!katex) return <span className={className} data-loading="katex" />;
  return <span className={className} dangerouslySetInnerHTML={{ __html: tex(katex, src) }} />;
}

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
