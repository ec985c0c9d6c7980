import { useEffect, useRef } from 'react';
import type { ParamKey } from '../../params/schema';
import { SCENARIOS } from '../../state/scenarios';
import { useLab } from '../../state/store';
import { ParamControlView } from '../ParamControl';
import { paramIdle } from '../paramIdle';
import { useUi } from '../uiStore';
import { DOCK_LABELS, dockParams, liveNumbers, WATCHED, type DockVariant } from './dockParams';
import { useMediaQuery } from './useMediaQuery';
import { useVisibleGroups } from './useVisibleGroups';
import './dock.css';

/** Phones: the width at which screens.css stacks everything in one column. */
const PHONE = '(max-width: 719px)';

/**
 * The sliders beside the figure they move (issue 19 item 3): on a phone, a dock at the bottom of
 * the viewport while a Fig. 2 panel is on screen; while presenting, the same dock scaled up into a
 * strip (issue 23 item 1). The page is padded by its height, so every figure can scroll clear.
 */
export function SliderDock() {
  const presenting = useLab((s) => s.view.presentation);
  const hidden = useLab((s) => s.view.hidden);
  const scenarioId = useLab((s) => s.view.scenario);
  const phone = useMediaQuery(PHONE);
  const variant: DockVariant | null = presenting ? 'present' : phone ? 'phone' : null;
  const visible = useVisibleGroups(WATCHED[variant ?? 'phone'], variant !== null);
  if (!variant) return null;
  const scenario = SCENARIOS.find((s) => s.id === scenarioId);
  const keys = dockParams({ variant, visible, hidden, scenario: scenario ? liveNumbers(scenario.params) : [] });
  if (keys.length === 0) return null;
  return <DockView variant={variant} keys={keys} />;
}

function DockView({ variant, keys }: { variant: DockVariant; keys: ParamKey[] }) {
  const open = useUi((s) => s.dockOpen);
  const setOpen = useUi((s) => s.setDockOpen);
  const ref = useDockSpace();
  return (
    <aside
      ref={ref}
      className={`slider-dock dock-${variant} ${open ? 'open' : 'collapsed'}`}
      aria-label="Sliders for the figures on screen"
      data-testid="slider-dock"
    >
      {open ? (
        <div className="dock-sliders" id="dock-sliders">
          {keys.map((k) => (
            <DockSlider key={k} name={k} />
          ))}
        </div>
      ) : null}
      <button
        type="button"
        className="dock-toggle"
        data-testid="dock-toggle"
        aria-expanded={open}
        aria-controls={open ? 'dock-sliders' : undefined}
        aria-label={open ? 'Hide the sliders' : 'Show the sliders'}
        title={open ? 'Hide the sliders' : 'Show the sliders'}
        onClick={() => setOpen(!open)}
      >
        {open ? '▾' : 'Sliders ▴'}
      </button>
    </aside>
  );
}

/** One primary-run slider, dimmed when the loss ignores it; ε also offers its source. */
function DockSlider({ name }: { name: ParamKey }) {
  const value = useLab((s) => s.params[name]);
  const setParam = useLab((s) => s.setParam);
  const loss = useLab((s) => s.params.loss);
  const epsMode = useLab((s) => s.params.epsMode);
  return (
    <div className={`dock-item ${paramIdle(name, loss, epsMode) ? 'idle' : ''}`}>
      <ParamControlView
        name={name}
        value={value}
        onChange={(v) => setParam(name, v as never)}
        testIdPrefix="dock-"
        shortLabel={DOCK_LABELS[name]}
      />
      {name === 'eps' ? (
        <label
          className="dock-eps-mode"
          title="Checked: the losses and Fig. 2 use this ε. Unchecked: the authors' code, ε = f/N."
        >
          <input
            type="checkbox"
            data-testid="dock-eps-mode"
            checked={epsMode === 'value'}
            onChange={(e) => setParam('epsMode', e.target.checked ? 'value' : 'reference')}
          />
          use ε
        </label>
      ) : null}
    </div>
  );
}

/** Keeps --dock-space equal to the dock's height while it is shown (styles pad the page with it). */
function useDockSpace() {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const root = document.documentElement;
    const ro = new ResizeObserver(() => root.style.setProperty('--dock-space', `${el.offsetHeight}px`));
    ro.observe(el);
    return () => {
      ro.disconnect();
      root.style.removeProperty('--dock-space');
    };
  }, []);
  return ref;
}
