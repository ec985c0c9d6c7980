import { useLab } from '../state/store';
import { AnalysisSection } from './AnalysisSection';
import { AppHeader } from './AppHeader';
import { CompareSection } from './CompareSection';
import { ImportSection } from './ImportSection';
import { importFiles } from './import/importFiles';
import { filesFromDataTransfer } from '../data/import';
import { Controls } from './Controls';
import { ConceptSection } from './ConceptSection';
import { HelpOverlay } from './HelpOverlay';
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
import { ExperimentSection } from './experiments/ExperimentSection';
import { SliderDock } from './dock/SliderDock';

export function App() {
  const presenting = useLab((s) => s.view.presentation);
  const comparing = useLab((s) => s.view.compare !== null);
  const hideAll = useLab((s) => s.view.hidden === 'all');
  const setImport = useUi((s) => s.setImport);
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
        <div className={`layout ${showControls ? '' : 'no-controls'}`}>
          {showControls ? <Controls /> : null}
          <main>
            <ImportSection />
            <ExperimentSection />
            <AnalysisSection />
            <ConceptSection />
            {comparing ? <CompareSection /> : <TrainingSection />}
          </main>
        </div>
        <SliderDock />
        <ShareCard />
        <HelpOverlay />
        <Tour />
        <UpdatePrompt />
      </div>
    </PanelActionsContext.Provider>
  );
}
