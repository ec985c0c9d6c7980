import { Controls } from './Controls';
import { ConceptSection } from './ConceptSection';
import { Notices } from './Notices';
import { TrainingSection } from './TrainingSection';
import { Transport } from './Transport';

export function App() {
  return (
    <div className="app">
      <header className="app-head">
        <div className="brand">
          <strong>Balance-loss lab</strong>
          <span>why soft FP is mostly bias under class imbalance · Xu et al., AAAI 2025</span>
        </div>
        <Transport />
      </header>
      <Notices />
      <div className="layout">
        <Controls />
        <main>
          <ConceptSection />
          <TrainingSection />
        </main>
      </div>
    </div>
  );
}
