import { useLab } from '../state/store';
import { useExperimentView } from '../state/experimentView';
import { useUserData } from '../state/userData';
import { AppHeader } from './AppHeader';
import {
  AfterFirstPaint,
  AnalysisSection,
  CompareSection,
  ExperimentSection,
  HelpOverlay,
  ImportSection,
} from './loadLater';
import { importFiles } from './import/importFiles';
import { filesFromDataTransfer } from '../data/import/browserFiles';
import { Controls } from './Controls';
import { ConceptSection } from './ConceptSection';
import { Notices } from './Notices';
import { ScenarioBar, ScenarioNarrative } from './Scenarios';
import { ShareCard } from './ShareMenu';
import { Tour } from './tour/Tour';
import { TrainingSection } from './TrainingSection';
import { useUi } from './uiStore';
import { PanelActionsContext } from '../panels/Panel';
import { ExportButtons } from './ExportButtons';

/** Every panel's header gets the export buttons. */
const exportActions = (testId: string) => <ExportButtons testId={testId} />;
import { UpdatePrompt } from './UpdatePrompt';
import { DeckSection } from './deck/DeckSection';
import { DeckNote } from './deck/DeckNote';
import { SliderDock } from './dock/SliderDock';

export function App() {
  const presenting = useLab((s) => s.view.presentation);
  const comparing = useLab((s) => s.view.compare !== null);
  const hideAll = useLab((s) => s.view.hidden === 'all');
  const setImport = useUi((s) => s.setImport);
  // Sections shown only on demand load their code when first shown (ui/loadLater.tsx).
  const importOpen = useUi((s) => s.importOpen);
  const helpOpen = useUi((s) => s.helpOpen);
  const experimentsOpen = useExperimentView((s) => s.open);
  const analysing = useUserData((s) => s.analysis.length > 0);
  const showControls = !presenting && !hideAll;
  return (
    <PanelActionsContext.Provider value={exportActions}>
      <div
        className={`app ${presenting ? 'presenting' : ''}`}
        data-testid="app"
        // Files dragged anywhere over the app open the import section, where they can be dropped.
        onDragEnter={(e) => {
          if (e.dataTransfer.types.includes('Files')) setImport(true);
        }}
        // A drop that misses the drop zone is still an import, never a navigation away from the run.
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('Files')) e.preventDefault();
        }}
        onDrop={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          void filesFromDataTransfer(e.dataTransfer).then((files) => importFiles(files, 'auto'));
        }}
      >
        <AppHeader />
        <ScenarioBar />
        <Notices />
        <ScenarioNarrative />
        <DeckNote />
        <div className={`layout ${showControls ? '' : 'no-controls'}`}>
          {showControls ? <Controls /> : null}
          <main>
            <DeckSection />
            {importOpen ? <ImportSection /> : null}
            {experimentsOpen ? <ExperimentSection /> : null}
            {analysing ? <AnalysisSection /> : null}
            <ConceptSection />
            <AfterFirstPaint>{comparing ? <CompareSection /> : <TrainingSection />}</AfterFirstPaint>
          </main>
        </div>
        <SliderDock />
        <ShareCard />
        {helpOpen ? <HelpOverlay /> : null}
        <Tour />
        <UpdatePrompt />
      </div>
    </PanelActionsContext.Provider>
  );
}
