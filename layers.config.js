/**
 * The import layering of src/ (docs/architecture.md): a folder imports only the folders listed
 * for it. ESLint enforces it with no-restricted-imports (eslint.config.js), and
 * tests/unit/layers.test.ts checks the rule fires and that src/ has no import cycle.
 */
export const LAYERS = {
  core: [],
  losses: ['core'],
  model: ['core'],
  data: ['core'],
  params: ['core'],
  engine: ['core', 'losses', 'model', 'data', 'params'],
  experiments: ['core', 'losses', 'model', 'data', 'params', 'engine'],
  state: ['core', 'model', 'data', 'params', 'engine', 'experiments'],
  panels: ['core', 'model', 'data', 'params', 'engine', 'experiments', 'state'],
  export: ['core', 'model', 'data', 'params', 'engine', 'experiments', 'state'],
  ui: ['core', 'model', 'data', 'params', 'engine', 'state', 'experiments', 'panels', 'export'],
};

/**
 * The page: code that runs on the main thread (plus src/main.tsx). TensorFlow.js and its WASM
 * binaries load only in the workers (issue 19), so these folders may not import the packages
 * below, nor src/losses; tests/unit/layers.test.ts also follows every import of a page file
 * through the lower folders and fails if any path reaches them.
 */
export const PAGE = ['state', 'panels', 'export', 'ui'];
export const WORKER_ONLY_PACKAGES = ['@tensorflow/*'];
const WORKER_ONLY_MESSAGE =
  'runs on the page, which never loads TensorFlow.js: use the float64 math of src/core; tensors stay in the workers (docs/architecture.md).';

function restrictions(folder) {
  const forbidden = Object.keys(LAYERS).filter((other) => other !== folder && !LAYERS[folder].includes(other));
  const patterns = forbidden.length
    ? [
        {
          regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
          message: `src/${folder} may import only ${LAYERS[folder].length ? LAYERS[folder].join(', ') : 'itself'} (layers in docs/architecture.md).`,
        },
      ]
    : [];
  if (PAGE.includes(folder))
    patterns.push({ group: WORKER_ONLY_PACKAGES, message: `src/${folder} ${WORKER_ONLY_MESSAGE}` });
  return patterns;
}

/**
 * One ESLint config block per folder: relative imports into a folder it may not use are errors,
 * and so are the worker-only packages in page folders and in src/main.tsx.
 */
export function layerRules() {
  const folders = Object.keys(LAYERS).map((folder) => ({
    files: [`src/${folder}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns: restrictions(folder) }] },
  }));
  // src/main.tsx sits above every folder, but it is page code: no tfjs, no src/losses.
  const main = {
    files: ['src/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\./losses(/|$)', message: `src/main.tsx ${WORKER_ONLY_MESSAGE}` },
            { group: WORKER_ONLY_PACKAGES, message: `src/main.tsx ${WORKER_ONLY_MESSAGE}` },
          ],
        },
      ],
    },
  };
  return [...folders, main];
}
