import { useState, type MouseEvent } from 'react';
import { historyCsv } from '../export/csv';
import { downloadBlob } from '../export/download';
import { panelPng } from '../export/panelPng';
import { composePanelSvg, serializeSvg } from '../export/panelSvg';
import { showNow } from '../panels/kit/onScreen';
import { useRunStore } from '../state/runContext';
import { useLab } from '../state/store';

type Kind = 'svg' | 'png' | 'csv';

/** Panels whose curves can be saved as CSV (both show the logged history). */
const CSV_PANELS = new Set(['panel-history', 'panel-loss']);

const style: React.CSSProperties = { fontSize: 11, padding: '1px 6px', lineHeight: '16px', color: '#59636e' };

/**
 * SVG / PNG (and CSV) buttons in a panel's header; the panel is the section around them. `csv`
 * supplies the file for panels whose curves are not one run's history (compare mode's overlay).
 */
export function ExportButtons({ testId, csv }: { testId: string; csv?: () => string }) {
  const store = useRunStore();
  const [busy, setBusy] = useState<Kind | null>(null);

  const save = async (kind: Kind, event: MouseEvent<HTMLButtonElement>): Promise<void> => {
    // A panel just scrolled in may still show what it held off screen: bring it up to date first.
    showNow(event.currentTarget);
    const panel = event.currentTarget.closest<HTMLElement>('section.panel');
    setBusy(kind);
    try {
      if (kind === 'csv') {
        // t is the primary store's (the slider's), as the panels use it.
        const text = csv ? csv() : historyCsv(store.getState().history, useLab.getState().params.t);
        downloadBlob(new Blob([text], { type: 'text/csv' }), `${testId}.csv`);
        return;
      }
      if (!panel) throw new Error('the panel is not on the page');
      const composed = await composePanelSvg(panel);
      const blob =
        kind === 'svg' ? new Blob([serializeSvg(composed.svg)], { type: 'image/svg+xml' }) : await panelPng(composed);
      downloadBlob(blob, `${testId}.${kind}`);
    } catch (err) {
      store.getState().notify({
        level: 'error',
        text: `Could not export this panel as ${kind.toUpperCase()}: ${err instanceof Error ? err.message : String(err)}`,
      });
    } finally {
      setBusy(null);
    }
  };

  const kinds: Kind[] = csv || CSV_PANELS.has(testId) ? ['svg', 'png', 'csv'] : ['svg', 'png'];
  const tips: Record<Kind, string> = {
    svg: 'Save this panel as SVG (vector; equations and images embedded)',
    png: 'Save this panel as PNG at twice its size on screen',
    csv: 'Save the curves as CSV: one row per logged step, at the current t',
  };
  return (
    <>
      {kinds.map((kind) => (
        <button
          key={kind}
          type="button"
          data-testid={`export-${kind}-${testId}`}
          disabled={busy !== null}
          onClick={(e) => void save(kind, e)}
          title={busy === kind ? 'Saving…' : tips[kind]}
          aria-busy={busy === kind}
          // The label keeps its width while saving: a narrower one could unwrap the panel's header
          // and change the very height the export is measuring.
          style={busy === kind ? { ...style, opacity: 0.5, cursor: 'progress' } : style}
        >
          {kind.toUpperCase()}
        </button>
      ))}
    </>
  );
}
