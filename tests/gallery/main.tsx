/**
 * The panel gallery: every panel once (some twice) on fixed data at a fixed width, for the SVG
 * snapshot test (tests/browser/panelSnapshots.test.ts). Served by the dev server at
 * /tests/gallery/; never part of the build.
 */
import { createRoot } from 'react-dom/client';
import { composePanelSvg, serializeSvg } from '../../src/export/panelSvg';
import { Gallery } from './Gallery';
import { loadKatex } from '../../src/panels/equations/katexLoader';
import '../../src/ui/styles.css';
import '../../src/ui/teaching.css';
import '../../src/ui/screens.css';

/** The panel in a slot as the app's SVG export would save it. */
async function exportSlot(name: string): Promise<string> {
  const panel = document.querySelector<HTMLElement>(`[data-gallery="${name}"] section.panel`);
  if (!panel) throw new Error(`no panel in slot ${name}`);
  return serializeSvg((await composePanelSvg(panel)).svg);
}
(window as unknown as { galleryExport: typeof exportSlot }).galleryExport = exportSlot;

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
// The app loads KaTeX when the equations come near the screen; the gallery shows them at once.
void loadKatex().then(() => createRoot(root).render(<Gallery />));
