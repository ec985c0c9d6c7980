import { useLab } from '../state/store';
import { useExperimentView } from '../state/experimentView';
import { setPresentation } from './actions';
import { CompareToggle } from './CompareToggle';
import { Menu } from './Menu';
import { RunFiles } from './RunFiles';
import { ShareMenu } from './ShareMenu';
import { TourButton } from './tour/Tour';
import { Transport } from './Transport';
import { useUi } from './uiStore';

/** The sticky header: title, transport and the toolbar (only Present and ? while presenting). */
export function AppHeader() {
  const presenting = useLab((s) => s.view.presentation);
  return (
    <header className="app-head">
      <div className="brand">
        <strong>Balance-loss lab</strong>
        <span>how class imbalance adds a bias term to soft FP · Xu et al., AAAI 2025</span>
      </div>
      <Transport />
      <div className="toolbar">
        {presenting ? null : <ToolbarMenus />}
        <button
          data-testid="btn-present"
          aria-pressed={presenting}
          onClick={() => setPresentation(!presenting)}
          title="Presentation mode: full screen, large type, high contrast, controls hidden (p)"
        >
          {presenting ? 'Exit presentation' : 'Present'}
        </button>
        <HelpButton />
      </div>
    </header>
  );
}

/** Your data, Experiments, Run, Compare, Share and Tour. */
function ToolbarMenus() {
  const importOpen = useUi((s) => s.importOpen);
  const setImport = useUi((s) => s.setImport);
  const experimentsOpen = useExperimentView((s) => s.open);
  const setExperiments = useExperimentView((s) => s.setOpen);
  return (
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
  );
}

function HelpButton() {
  const setHelp = useUi((s) => s.setHelp);
  return (
    <button
      data-testid="btn-help"
      onClick={() => setHelp(true)}
      title="Keyboard shortcuts (?)"
      aria-label="Keyboard shortcuts"
    >
      ?
    </button>
  );
}
