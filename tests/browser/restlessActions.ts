/**
 * The restless user's moves (issue 18): each action does one thing a user can do in the app and
 * returns the line that names it in the action list printed on failure. Actions that restart the
 * run or move it to another backend wait until the page shows that it happened, so the checks
 * after them look at the new run rather than the last steps of the old one.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Rng } from '../../src/data/random';
import { schema, type NumberParam, type ParamKey } from '../../src/params/schema';
import { SCENARIOS } from '../../src/state/scenarios';

export type BackendChoice = 'wasm' | 'cpu' | 'webgpu';

/** What the page shows, read before each action to pick one that applies. */
export interface UserState {
  playing: boolean;
  backend: string;
  comparing: boolean;
  loss: string;
  runId: number;
  lastNoticeId: number;
}

export interface Session {
  page: Page;
  rng: Rng;
  backends: readonly BackendChoice[];
  /** Where downloaded run files go. */
  outDir: string;
  /** The run file saved last in this session (by btn-save-run), with the backend it names. */
  savedRun: { path: string; backend: string } | null;
  saves: number;
}

export type ActionKind =
  | 'play'
  | 'pause'
  | 'step'
  | 'reset'
  | 'slider'
  | 'restartSlider'
  | 'loss'
  | 'backend'
  | 'switchMode'
  | 'scenario'
  | 'saveRun'
  | 'openRun'
  | 'compare';

interface Action {
  /** False when the action makes no sense in this state (the draw keeps it for later). */
  can(s: UserState, session: Session): boolean;
  run(session: Session, s: UserState): Promise<string>;
}

/** Sliders that change only future steps, and the position range a user may set (speed kept ≥ 0.3). */
const LIVE_SLIDERS: Partial<Record<ParamKey, [number, number]>> = {
  t: [0, 1000],
  eps: [0, 1000],
  tHard: [0, 1000],
  a: [0, 1000],
  lr: [0, 1000],
  conceptRatio: [0, 1000],
  conceptQuality: [0, 1000],
  speed: [600, 1000],
};
/** Sliders that restart the run (new data, same model size: the model stays small). */
const RESTART_SLIDERS: ParamKey[] = ['imbalance', 'lesions', 'contrast', 'noise', 'seed'];

/** One pass of draws: every kind at least once, the common ones more often. */
export const BAG: readonly ActionKind[] = [
  ...Array<ActionKind>(3).fill('play'),
  ...Array<ActionKind>(2).fill('pause'),
  ...Array<ActionKind>(2).fill('step'),
  'reset',
  ...Array<ActionKind>(3).fill('slider'),
  ...Array<ActionKind>(2).fill('restartSlider'),
  ...Array<ActionKind>(2).fill('loss'),
  ...Array<ActionKind>(2).fill('backend'),
  'switchMode',
  ...Array<ActionKind>(2).fill('scenario'),
  'saveRun',
  'openRun',
  'compare',
];

export function readState(page: Page): Promise<UserState> {
  return page.evaluate(() => {
    type S = { dataset: { runId: number } | null; notices: { id: number }[] };
    const lab = (window as unknown as { balanceLab: { store: { getState(): S } } }).balanceLab;
    const s = lab.store.getState();
    const select = (id: string) => document.querySelector<HTMLSelectElement>(`[data-testid="${id}"]`)?.value ?? '';
    return {
      playing: document.querySelector('[data-testid="btn-pause"]') !== null,
      backend: select('select-backend'),
      comparing: document.querySelector('[data-testid="btn-compare"]')?.getAttribute('aria-pressed') === 'true',
      loss: select('select-loss'),
      runId: s.dataset?.runId ?? -1,
      lastNoticeId: Math.max(0, ...s.notices.map((n) => n.id)),
    };
  });
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(0, xs.length - 1)];

/** Waits until the engine has started a new run (a restart by parameter, a reset, a restore). */
async function newRunAfter(page: Page, runId: number): Promise<void> {
  await page.waitForFunction(
    (id) => {
      type S = { dataset: { runId: number } | null };
      const lab = (window as unknown as { balanceLab: { store: { getState(): S } } }).balanceLab;
      return (lab.store.getState().dataset?.runId ?? id) !== id;
    },
    runId,
    { timeout: 60_000 },
  );
}

/** Waits until the backend badge names `backend` (a move takes a snapshot, a checkpoint and a backend start). */
export async function badgeShows(page: Page, backend: string): Promise<void> {
  await page.waitForFunction(
    (name) => document.querySelector('[data-testid="backend-badge"]')?.textContent?.split(' ')[0] === name,
    backend,
    { timeout: 120_000 },
  );
}

/** Waits for a notice newer than `afterId` and returns its text. */
async function nextNotice(page: Page, afterId: number): Promise<string> {
  const handle = await page.waitForFunction(
    (id) => {
      type S = { notices: { id: number; text: string }[] };
      const lab = (window as unknown as { balanceLab: { store: { getState(): S } } }).balanceLab;
      return lab.store.getState().notices.find((n) => n.id > id)?.text ?? false;
    },
    afterId,
    { timeout: 120_000 },
  );
  return String(await handle.jsonValue());
}

async function moveSlider(page: Page, key: ParamKey, position: number): Promise<string> {
  await page.getByTestId(`slider-${key}`).fill(String(position));
  const spec = schema[key] as NumberParam;
  return `slider ${key} → position ${position} (${(await page.getByTestId(`value-${key}`).textContent()) ?? '?'}${spec.resets ? ', restarts the run' : ''})`;
}

/** Run actions live in the header's “Run” menu: open it when the button is not showing. */
async function revealInMenu(page: Page, testId: string): Promise<void> {
  if (!(await page.getByTestId(testId).first().isVisible())) await page.getByTestId('menu-run').click();
}

async function saveRun(session: Session, s: UserState): Promise<string> {
  const { page } = session;
  await revealInMenu(page, 'btn-save-run');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByTestId('btn-save-run').click(),
  ]);
  mkdirSync(session.outDir, { recursive: true });
  const path = `${session.outDir}/run-${++session.saves}.json`;
  await download.saveAs(path);
  session.savedRun = { path, backend: s.backend };
  return `save run (${download.suggestedFilename()}, on ${s.backend})`;
}

export const ACTIONS: Record<ActionKind, Action> = {
  play: {
    can: (s) => !s.playing,
    run: async ({ page }) => {
      await page.getByTestId('btn-play').click();
      return 'play';
    },
  },
  pause: {
    can: (s) => s.playing,
    run: async ({ page }) => {
      await page.getByTestId('btn-pause').click();
      return 'pause';
    },
  },
  step: {
    can: (s) => !s.playing,
    run: async ({ page }) => {
      await page.getByTestId('btn-step').click();
      return 'step';
    },
  },
  reset: {
    can: () => true,
    run: async ({ page }, s) => {
      await page.getByTestId('btn-reset').click();
      await newRunAfter(page, s.runId);
      return 'reset';
    },
  },
  slider: {
    can: () => true,
    run: async ({ page, rng }) => {
      const key = pick(rng, Object.keys(LIVE_SLIDERS) as ParamKey[]);
      const [lo, hi] = LIVE_SLIDERS[key] as [number, number];
      return moveSlider(page, key, rng.int(lo, hi));
    },
  },
  restartSlider: {
    can: () => true,
    run: async ({ page, rng }, s) => {
      const key = pick(rng, RESTART_SLIDERS);
      const before = await page.getByTestId(`value-${key}`).textContent();
      const line = await moveSlider(page, key, rng.int(0, 1000));
      // The same value again (a slider at its end) changes nothing, so there is no new run to wait for.
      if ((await page.getByTestId(`value-${key}`).textContent()) !== before) await newRunAfter(page, s.runId);
      return line;
    },
  },
  loss: {
    can: () => true,
    run: async ({ page, rng }, s) => {
      const loss = pick(
        rng,
        schema.loss.options.map((o) => o.value).filter((v) => v !== s.loss),
      );
      await page.getByTestId('select-loss').selectOption(loss);
      return `loss → ${loss}`;
    },
  },
  backend: {
    // WebGPU on SwiftShader compiles every shader again in a new worker: not while comparing.
    can: (s, { backends }) => backends.some((b) => b !== s.backend && (b !== 'webgpu' || !s.comparing)),
    run: async ({ page, rng, backends }, s) => {
      const choices = backends.filter((b) => b !== s.backend && (b !== 'webgpu' || !s.comparing));
      const backend = pick(rng, choices);
      await page.getByTestId('select-backend').selectOption(backend);
      await badgeShows(page, backend);
      return `backend → ${backend}`;
    },
  },
  switchMode: {
    can: () => true,
    run: async ({ page, rng }, s) => {
      const mode = pick(
        rng,
        schema.switchMode.options.map((o) => o.value),
      );
      // The stage panel's override buttons show for the Balance loss; the control column always has the select.
      if (s.loss === 'balance') await page.getByTestId(`switch-${mode}`).first().click();
      else await page.getByTestId('select-switchMode').selectOption(mode);
      return `switch mode → ${mode}${s.loss === 'balance' ? ' (stage panel)' : ' (control)'}`;
    },
  },
  scenario: {
    can: () => true,
    run: async ({ page, rng }, s) => {
      // A scenario that turns compare on starts run B on A's backend: not on WebGPU (see backend).
      const choices = SCENARIOS.filter((sc) => !(sc.view?.compare && s.backend === 'webgpu'));
      const scenario = pick(rng, choices);
      await page.getByTestId(`scenario-${scenario.id}`).click();
      return `scenario ${scenario.id}`;
    },
  },
  saveRun: {
    can: () => true,
    run: saveRun,
  },
  openRun: {
    can: (s, { savedRun }) => !(s.comparing && savedRun?.backend === 'webgpu'),
    run: async (session, s) => {
      const saved = session.savedRun ? '' : `${await saveRun(session, s)}, then `;
      const before = await readState(session.page);
      const file = session.savedRun as { path: string; backend: string };
      await session.page.getByTestId('input-open-run').setInputFiles(file.path);
      const notice = await nextNotice(session.page, before.lastNoticeId);
      return `${saved}open run ${file.path.split('/').pop()} → “${notice.slice(0, 60)}”`;
    },
  },
  compare: {
    can: (s) => s.comparing || s.backend !== 'webgpu',
    run: async ({ page }, s) => {
      await page.getByTestId('btn-compare').click();
      return s.comparing ? 'compare off' : 'compare on';
    },
  },
};

/**
 * Draws kinds from a shuffled bag (every kind once per pass, so 40 actions cover them all); a
 * kind that does not apply now stays in the bag for a later draw.
 */
export class ActionDraw {
  private bag: ActionKind[] = [];

  constructor(private readonly rng: Rng) {}

  next(s: UserState, session: Session): ActionKind {
    if (this.bag.length === 0) this.refill();
    let index = this.bag.findIndex((k) => ACTIONS[k].can(s, session));
    if (index < 0) {
      this.refill();
      index = this.bag.findIndex((k) => ACTIONS[k].can(s, session));
    }
    return this.bag.splice(index, 1)[0];
  }

  private refill(): void {
    const more = [...BAG];
    for (let i = more.length - 1; i > 0; i--) {
      const j = this.rng.int(0, i);
      [more[i], more[j]] = [more[j], more[i]];
    }
    this.bag.push(...more);
  }
}
