/**
 * An imported prediction as pictures: the probability map p, the ground truth and the TP/FP/FN
 * overlay at p > 0.5 (a test metric, whatever t is: docs/design.md §1.4b), at the file's own size.
 */
import { useEffect, useRef } from 'react';
import { paintCanvas, pixelCellStyle, useOverlayCanvas, VIRIDIS } from './kit/canvas';
import { Panel } from './Panel';

export interface AnalysisMapsProps {
  width: number;
  height: number;
  p: Float32Array;
  y: Uint8Array;
}

export function AnalysisMaps({ width, height, p, y }: AnalysisMapsProps) {
  const pRef = useRef<HTMLCanvasElement | null>(null);
  const yRef = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    paintCanvas(pRef.current, width, height, (d) => {
      for (let i = 0; i < p.length; i++) {
        const v = Math.round(Math.min(1, Math.max(0, p[i])) * 255) * 3;
        d.set([VIRIDIS[v], VIRIDIS[v + 1], VIRIDIS[v + 2], 255], i * 4);
      }
    });
    paintCanvas(yRef.current, width, height, (d) => {
      for (let i = 0; i < y.length; i++) d.set(y[i] ? [255, 255, 255, 255] : [0, 0, 0, 255], i * 4);
    });
  }, [width, height, p, y]);
  const oRef = useOverlayCanvas(width, height, p, y);
  const cell = pixelCellStyle(width, height);
  return (
    <Panel title={`Prediction, ${width}×${height} px`} testId="analysis-maps">
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(3, minmax(0, 1fr))',
          gap: 8,
          fontSize: 12,
          textAlign: 'center',
          color: '#555',
        }}
      >
        <figure style={{ margin: 0 }}>
          <canvas ref={pRef} style={cell} />
          <figcaption>p (foreground)</figcaption>
        </figure>
        <figure style={{ margin: 0 }}>
          <canvas ref={yRef} style={cell} />
          <figcaption>ground truth</figcaption>
        </figure>
        <figure style={{ margin: 0 }}>
          <canvas ref={oRef} style={cell} />
          <figcaption>TP / FP / FN at p &gt; 0.5</figcaption>
        </figure>
      </div>
    </Panel>
  );
}
