import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lossNotes } from '../../src/core/lossInfo';
import { PAIRING_RULES, PYTORCH_SNIPPET } from '../../src/data/import';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const importDoc = readFileSync(new URL('../../docs/import.md', import.meta.url), 'utf8');
const design = readFileSync(new URL('../../docs/design.md', import.meta.url), 'utf8');

describe('README and docs/import.md', () => {
  it('docs/import.md states the pairing rules the importer applies, word for word', () => {
    expect(importDoc).toContain(PAIRING_RULES);
  });
  it('docs/import.md shows the five-line PyTorch snippet the app shows', () => {
    expect(PYTORCH_SNIPPET.split('\n')).toHaveLength(5);
    expect(importDoc).toContain(PYTORCH_SNIPPET);
  });
  it('the README stays a page a newcomer reads: at most 200 lines, opening with a picture of the app', () => {
    const lines = readme.split('\n');
    expect(lines.length).toBeLessThanOrEqual(200);
    const firstImage = lines.findIndex((l) => l.startsWith('!['));
    const firstSection = lines.findIndex((l) => l.startsWith('## '));
    expect(firstImage).toBeGreaterThan(0);
    expect(firstImage).toBeLessThan(firstSection);
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

describe('the authors’ Focal loss', () => {
  it('the UI note and docs/design.md name the same three ways the authors’ loss.py differs', () => {
    const note = lossNotes.focal ?? '';
    const flat = design.replace(/\s+/g, ' ');
    for (const difference of [
      'applies BCE-with-logits to softmax outputs',
      'builds p_t from the raw logits',
      'over both one-hot channels',
    ]) {
      expect(note).toContain(difference);
      expect(flat).toContain(difference);
    }
    expect(flat).toContain('`lossNotes`');
  });
});
