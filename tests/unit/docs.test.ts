import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAIRING_RULES, PYTORCH_SNIPPET } from '../../src/data/import';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('states the pairing rules the importer applies, word for word', () => {
    expect(readme).toContain(PAIRING_RULES);
  });
  it('shows the five-line PyTorch snippet the app shows', () => {
    expect(PYTORCH_SNIPPET.split('\n')).toHaveLength(5);
    expect(readme).toContain(PYTORCH_SNIPPET);
  });
  it('keeps the quick start to exactly two commands', () => {
    const quick = /## Quick start\s+```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(
      quick
        .trim()
        .split('\n')
        .map((l) => l.split('#')[0].trim()),
    ).toEqual(['npm install && npm run dev', 'npm test']);
  });
});
