/**
 * A restless user (issue 18): a seeded random sequence of play, pause, step, reset, sliders (some
 * restart the run), loss, backend, switch mode, scenarios, saving and opening a run file and
 * compare mode, on a small model on WASM. After every action: a run shown as playing takes steps
 * within 10 s, no console error, no NaN on screen. RESTLESS_SEED replays a sequence;
 * RESTLESS_ACTIONS sets its length; RESTLESS_BACKENDS the backends it may choose.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/data/random';
import {
  ActionDraw,
  badgeShows,
  ACTIONS,
  BAG,
  readState,
  type ActionKind,
  type BackendChoice,
  type Session,
} from './restlessActions';
import { brokenInvariant } from './restlessChecks';
import { expectBackend, openPage, textOf, waitForStep } from './harness';
import { browserSuite } from './suite';

const suite = browserSuite();

const SEED = Number(process.env.RESTLESS_SEED ?? 18);
const ACTION_COUNT = Math.max(40, Number(process.env.RESTLESS_ACTIONS ?? 40));
const BACKENDS = (process.env.RESTLESS_BACKENDS ?? 'wasm,cpu,webgpu').split(',') as BackendChoice[];
/** The small model of harness.ts's TINY, trained on WASM; WebGL is left out (slow to start on SwiftShader). */
const SMALL = `px=32&lv=2&w=4&bs=2&ntr=8&nva=4&be=wasm&backends=${BACKENDS.join(',')}`;

/**
 * SwiftShader compiles WebGPU's shaders on the CPU: the first steps on a new device take tens of
 * seconds on a busy machine (docs/design.md §3). One step there first, so that later moves to
 * WebGPU find the shaders compiled and the 10 s bound measures the app, not the compiler.
 */
async function warmWebgpu(session: Session): Promise<void> {
  const { page } = session;
  await page.getByTestId('select-backend').selectOption('webgpu');
  await badgeShows(page, 'webgpu');
  const before = Number(await textOf(page, 'step-counter'));
  await page.getByTestId('btn-step').click();
  await waitForStep(page, before + 1, 300_000);
  await page.getByTestId('select-backend').selectOption('wasm');
  await badgeShows(page, 'wasm');
}

describe('a restless user', () => {
  it(`${ACTION_COUNT} seeded random actions keep the run honest (seed ${SEED})`, async () => {
    console.log(
      `restless user: seed ${SEED} (replay with RESTLESS_SEED=${SEED}), ${ACTION_COUNT} actions, backends ${BACKENDS.join(', ')}`,
    );
    const { page, errors } = await openPage(suite.browser, `${suite.origin}/?${SMALL}`);
    await expectBackend(page, 'wasm');
    const rng = new Rng(SEED);
    const session: Session = {
      page,
      rng,
      backends: BACKENDS,
      outDir: `test-results/restless-${SEED}`,
      savedRun: null,
      saves: 0,
    };
    const started = Date.now();
    if (BACKENDS.includes('webgpu')) await warmWebgpu(session);
    const warmed = Date.now();
    console.log(`restless ${SEED}: WebGPU warm-up took ${((warmed - started) / 1000).toFixed(0)} s`);
    expect(await brokenInvariant(page, errors)).toBeNull();

    const draw = new ActionDraw(rng);
    const done: string[] = [];
    const counts = new Map<ActionKind, number>();
    const fail = (why: string): never => {
      const list = done.map((line, i) => `  ${String(i + 1).padStart(2)}. ${line}`).join('\n');
      const report = `restless user failed with RESTLESS_SEED=${SEED}: ${why}\nactions so far:\n${list}`;
      console.error(report);
      throw new Error(report);
    };
    for (let i = 0; i < ACTION_COUNT; i++) {
      const state = await readState(page);
      const kind = draw.next(state, session);
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      const at = Date.now();
      try {
        done.push(await ACTIONS[kind].run(session, state));
      } catch (err) {
        done.push(`${kind} (did not complete)`);
        fail(`action ${i + 1} (${kind}) failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
      const acted = Date.now();
      const broken = await brokenInvariant(page, errors);
      if (broken) fail(`after action ${i + 1}: ${broken}`);
      done[i] += ` [${((acted - at) / 1000).toFixed(1)} s + checks ${((Date.now() - acted) / 1000).toFixed(1)} s]`;
      // As it goes, so that even a run stopped by the test timeout leaves its action list.
      console.log(`restless ${SEED} · ${String(i + 1).padStart(2)}. ${done[i]}`);
    }
    console.log(
      `restless user, seed ${SEED}: ${done.length} actions in ${((Date.now() - warmed) / 1000).toFixed(0)} s ` +
        `(WebGPU warm-up ${((warmed - started) / 1000).toFixed(0)} s), ending at step ${await textOf(page, 'step-counter')}\n` +
        done.map((line, i) => `  ${String(i + 1).padStart(2)}. ${line}`).join('\n'),
    );
    // Every kind of move was made at least once.
    expect([...new Set(BAG)].filter((k) => !counts.has(k))).toEqual([]);
  });
});
