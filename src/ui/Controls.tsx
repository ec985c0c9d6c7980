import { lossInfo } from '../core/lossInfo';
import type { ParamKey } from '../state/schema';
import { useLab } from '../state/store';
import { ParamControl } from './ParamControl';

const GROUPS: { title: string; keys: ParamKey[] }[] = [
  { title: 'Threshold and ε', keys: ['t', 'eps', 'epsMode'] },
  { title: 'Concept explorer', keys: ['conceptRatio', 'conceptQuality'] },
  { title: 'Loss', keys: ['loss', 'tHard', 'a', 'switchRule', 'switchMode'] },
  { title: 'Training', keys: ['lr', 'optimizer', 'batchSize', 'speed'] },
  { title: 'Synthetic data', keys: ['imbalance', 'lesions', 'contrast', 'noise', 'size', 'trainSize', 'valSize', 'seed'] },
  { title: 'U-Net', keys: ['levels', 'width'] },
];

/** Every control, grouped, generated from the schema; sliders a loss ignores are dimmed. */
export function Controls() {
  const loss = useLab((s) => s.params.loss);
  const epsMode = useLab((s) => s.params.epsMode);
  const listens = new Set<string>(lossInfo[loss].params);
  const idle = (key: ParamKey): boolean =>
    (['tHard', 'a', 'eps'].includes(key) && !listens.has(key) && key !== 'eps') ||
    (['switchRule', 'switchMode'].includes(key) && loss !== 'balance');
  return (
    <aside className="controls" data-testid="controls">
      {GROUPS.map((g) => (
        <fieldset key={g.title}>
          <legend>{g.title}</legend>
          {g.keys.map((k) => (
            <div key={k} className={idle(k) || (k === 'eps' && epsMode === 'reference') ? 'idle' : ''}>
              <ParamControl name={k} />
            </div>
          ))}
        </fieldset>
      ))}
    </aside>
  );
}
