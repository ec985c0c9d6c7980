/**
 * The shape of the code holds: the layer rule of eslint.config.js (layers.config.js) rejects an
 * upward import, src/ has no import cycle, and no page file loads TensorFlow.js, directly or
 * through anything it imports (docs/architecture.md).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS, PAGE } from '../../layers.config.js';
import { pathsToPackage } from './importGraph';

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports of a file, resolved to files of src/ (type-only imports included). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
    const base = resolve(dirname(file), m[1]);
    const hit = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
    if (hit) out.push(hit);
  }
  return out;
}

/** Strongly connected components with more than one file (Tarjan), i.e. import cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.map((f) => relative(ROOT, f)));
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

describe('layers', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const lint = async (path: string, code: string) =>
    (await eslint.lintText(code, { filePath: join(ROOT, path) }))[0].messages.filter(
      (m) => m.ruleId === 'no-restricted-imports',
    );

  it('an upward import fails lint with a message naming the layers', async () => {
    const bad = await lint('src/core/zzLayerProbe.ts', "import { App } from '../ui/App';\nexport const probe = App;\n");
    expect(bad).toHaveLength(1);
    expect(bad[0].message).toMatch(/src\/core may import only itself/);
    const engineToState = await lint(
      'src/engine/zzLayerProbe.ts',
      "import { useLab } from '../state/store';\nexport const probe = useLab;\n",
    );
    expect(engineToState[0]?.message).toMatch(/src\/engine may import only core, losses, model, data, params/);
    const nested = await lint(
      'src/panels/equations/zzLayerProbe.ts',
      "import { App } from '../../ui/App';\nexport const probe = App;\n",
    );
    expect(nested).toHaveLength(1);
  });

  it('imports that follow the layers pass', async () => {
    expect(
      await lint(
        'src/panels/zzLayerProbe.ts',
        "import { decompose } from '../core';\nimport { useLab } from '../state/store';\nexport const probe = [decompose, useLab];\n",
      ),
    ).toEqual([]);
    expect(
      await lint('src/ui/zzLayerProbe.ts', "import { Panel } from '../panels/Panel';\nexport const probe = Panel;\n"),
    ).toEqual([]);
  });

  it('every folder of src/ has a layer, and no file imports a folder its layer does not list', () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(folders.filter((f) => !(f in LAYERS))).toEqual([]);
    const violations: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const from = relative(SRC, file).split('/')[0];
      if (!(from in LAYERS)) continue;
      const allowed = new Set([from, ...LAYERS[from as keyof typeof LAYERS]]);
      for (const target of importsOf(file)) {
        const to = relative(SRC, target).split('/')[0];
        if (to in LAYERS && !allowed.has(to)) violations.push(`${relative(ROOT, file)} → ${relative(ROOT, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('src/ has no import cycle', () => {
    const graph = new Map(sourceFiles(SRC).map((f) => [f, importsOf(f)]));
    expect(cycles(graph)).toEqual([]);
  });

  it('page code may not import TensorFlow.js or src/losses (lint)', async () => {
    const direct = await lint(
      'src/ui/zzLayerProbe.ts',
      "import * as tf from '@tensorflow/tfjs';\nexport const probe = tf;\n",
    );
    expect(direct.map((m) => m.message)).toEqual([
      expect.stringMatching(/src\/ui runs on the page, which never loads/),
    ]);
    const backend = await lint(
      'src/panels/kit/zzLayerProbe.ts',
      "import '@tensorflow/tfjs-backend-wasm';\nexport const probe = 1;\n",
    );
    expect(backend).toHaveLength(1);
    const losses = await lint(
      'src/state/zzLayerProbe.ts',
      "import { bce } from '../losses';\nexport const probe = bce;\n",
    );
    expect(losses[0]?.message).toMatch(/src\/state may import only core, model/);
    const main = await lint('src/main.tsx', "import { losses } from './losses';\nexport const probe = losses;\n");
    expect(main[0]?.message).toMatch(/src\/main.tsx runs on the page/);
    // The workers' side may.
    expect(
      await lint(
        'src/engine/zzLayerProbe.ts',
        "import * as tf from '@tensorflow/tfjs';\nimport { bce } from '../losses';\nexport const probe = [tf, bce];\n",
      ),
    ).toEqual([]);
  });

  it('no page file reaches TensorFlow.js through the files it imports (type-only imports load nothing)', () => {
    const pageFiles = [join(SRC, 'main.tsx'), ...PAGE.flatMap((folder) => sourceFiles(join(SRC, folder)))];
    expect(pageFiles.length).toBeGreaterThan(100);
    const leaks = new Set(
      pageFiles.flatMap((file) =>
        pathsToPackage(
          file,
          (pkg) => pkg.startsWith('@tensorflow/'),
          (f) => relative(ROOT, f),
        ),
      ),
    );
    expect([...leaks]).toEqual([]);
  });

  it('the page check follows imports through lower folders to a tfjs import', () => {
    // The engine's Trainer is a tfjs file: reached from a page-like file through engine/, it is found.
    const chains = pathsToPackage(
      join(SRC, 'engine/runner.ts'),
      (pkg) => pkg.startsWith('@tensorflow/'),
      (f) => relative(ROOT, f),
    );
    expect(chains.some((c) => /src\/engine\/runner\.ts → .*src\/losses\/.*\(@tensorflow\/tfjs\)$/.test(c))).toBe(true);
  });
});
