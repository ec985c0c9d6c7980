import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layerRules } from './layers.config.js';

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', '.vite', 'scratch', '.prof'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // One d3 import style: the namespace, so d3's names never shadow or collide with ours.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='d3'] > ImportSpecifier",
          message: "Import d3 as a namespace: `import * as d3 from 'd3'` (or `import type * as d3`).",
        },
      ],
    },
  },
  {
    // Small files with one job, short functions (docs/architecture.md, "Code shape"). A file that
    // needs more says why in a comment at its top and disables the rule there.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  ...layerRules(),
);
