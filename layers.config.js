/**
 * The import layering of src/ (docs/architecture.md): a folder imports only the folders listed
 * for it. ESLint enforces it with no-restricted-imports (eslint.config.js), and
 * tests/unit/layers.test.ts checks the rule fires and that src/ has no import cycle.
 */
export const LAYERS = {
  core: [],
  model: ['core'],
  data: ['core'],
  params: ['core'],
  engine: ['core', 'model', 'data', 'params'],
  experiments: ['core', 'model', 'data', 'params', 'engine'],
  state: ['core', 'model', 'data', 'params', 'engine', 'experiments'],
  panels: ['core', 'model', 'data', 'params', 'engine', 'experiments', 'state'],
  export: ['core', 'model', 'data', 'params', 'engine', 'experiments', 'state'],
  ui: ['core', 'model', 'data', 'params', 'engine', 'state', 'experiments', 'panels', 'export'],
};

/** One ESLint config block per folder: relative imports into a folder it may not use are errors. */
export function layerRules() {
  const all = Object.keys(LAYERS);
  return all.map((folder) => {
    const forbidden = all.filter((other) => other !== folder && !LAYERS[folder].includes(other));
    return {
      files: [`src/${folder}/**/*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: forbidden.length
              ? [
                  {
                    regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
                    message: `src/${folder} may import only ${LAYERS[folder].length ? LAYERS[folder].join(', ') : 'itself'} (layers in docs/architecture.md).`,
                  },
                ]
              : [],
          },
        ],
      },
    };
  });
}
