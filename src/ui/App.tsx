import { useLab } from '../state/store';
import { setPresentation } from './actions';
import { AnalysisSection } from './AnalysisSection';
import { CompareSection } from './CompareSection';
import { importFiles, ImportSection } from './ImportSection';
import { filesFromDataTransfer } from '../data/import';
import { CompareToggle } from './CompareToggle';
import { Controls } from './Controls';
import { ConceptSection } from './ConceptSection';
import { HelpOverlay } from './HelpOverlay';
import { Notices } from './Notices';
import { ScenarioBar, ScenarioNarrative } from './Scenarios';
import { Menu } from './Menu';
import { ShareCard, ShareMenu } from './ShareMenu';
import { Tour, TourButton } from './tour/Tour';
import { TrainingSection } from './TrainingSection';
import { Transport } from './Transport';
import { RunFiles } from './RunFiles';
import { useUi } from './uiStore';
import { PanelActionsContext } from '../panels/Panel';
import { ExportButtons } from './ExportButtons';

/** Every panel's header gets the export buttons. */
const exportActions = (testId: string) => <ExportButtons testId={testId} />;
import { UpdatePrompt } from './UpdatePrompt';
import { ExperimentSection } from './experiments/ExperimentSection';
import { useExperimentView } from '../state/experimentView';

export function App() {
  const presenting = useLab((s) => s.view.presentation);
  const comparing = useLab((s) => s.view.compare !== null);
  const hideAll = useLab((s) => s.view.hidden === 'all');
  const setHelp = useUi((s) => s.setHelp);
  const importOpen = useUi((s) => s.importOpen);
  const setImport = useUi((s) => s.setImport);
  const experimentsOpen = useExperimentView((s) => s.open);
  const setExperiments = useExperimentView((s) => s.setOpen);
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
        <header className="app-head">
          <div className="brand">
            <strong>Balance-loss lab</strong>
            <span>why soft FP is mostly bias under class imbalance · Xu et al., AAAI 2025</span>
          </div>
          <Transport />
          <div className="toolbar">
            {presenting ? null : (
              <>
                <button
                  data-testid="btn-your-data"
                  onClick={() => setImport(!importOpen)}
                  aria-pressed={importOpen}
                  title="Train on your own images and masks, or analyse your model's predictions (files stay in this tab)"
                >
                  Your data
                </button>
                <button
                  data-testid="btn-experiments"
                  onClick={() => setExperiments(!experimentsOpen)}
                  aria-pressed={experimentsOpen}
                  title="Sweep losses × imbalance ratios × seeds and compare the final numbers"
                >
                  Experiments
                </button>
                <Menu id="run" label="Run" title="Save or open a whole run, download the trained model">
                  <RunFiles />
                </Menu>
                <CompareToggle />
                <Menu
                  id="share"
                  label="Share"
                  title="A link to exactly this view, or a classroom link with chosen controls hidden"
                >
                  <ShareMenu />
                </Menu>
                <TourButton />
              </>
            )}
            <button
              data-testid="btn-present"
              aria-pressed={presenting}
              onClick={() => setPresentation(!presenting)}
              title="Presentation mode: full screen, large type, high contrast, controls hidden (p)"
            >
              {presenting ? 'Exit presentation' : 'Present'}
            </button>
            <button
              data-testid="btn-help"
              onClick={() => setHelp(true)}
              title="Keyboard shortcuts (?)"
              aria-label="Keyboard shortcuts"
            >
              ?
            </button>
          </div>
        </header>
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
        <ShareCard />
        <HelpOverlay />
        <Tour />
        <UpdatePrompt />
      </div>
    </PanelActionsContext.Provider>
  );
}
