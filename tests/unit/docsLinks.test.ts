/**
 * The README and docs/ hold to their own links: every relative link and image in README.md and
 * docs/**\/*.md points at a file of the repository, and every #anchor at a heading of its target
 * (GitHub's heading ids). Links inside code (fenced blocks, `spans`) are not links and are skipped;
 * absolute URLs are not checked (the tests make no network request).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/** README.md and every .md file under docs/, as absolute paths. */
function markdownFiles(): string[] {
  const out = [join(ROOT, 'README.md')];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) out.push(path);
    }
  };
  walk(join(ROOT, 'docs'));
  return out;
}

/** The text without fenced code blocks. */
function withoutFences(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** The text without fenced code blocks and inline code spans. */
function withoutCode(text: string): string {
  return withoutFences(text).replace(/(`+)[^`\n][\s\S]*?\1/g, '');
}

/** Every link and image target: [text](target "title"), ![alt](target), [label]: target, <img src>, <a href>. */
function linkTargets(text: string): string[] {
  const prose = withoutCode(text);
  const targets: string[] = [];
  for (const m of prose.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]);
  for (const m of prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) targets.push(m[1]);
  for (const m of prose.matchAll(/<(?:img|a)\s[^>]*?(?:src|href)\s*=\s*"([^"]+)"/gi)) targets.push(m[1]);
  return targets;
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens. */
function headingId(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors a markdown file offers: its headings' ids, with -1, -2 … for repeats. */
function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const ids = new Set<string>();
  for (const m of withoutFences(text).matchAll(/^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = headingId(m[1].replace(/`/g, ''));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

const isExternal = (target: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** What is wrong with one target of `file`, or null when it resolves. */
function problem(file: string, target: string): string | null {
  if (isExternal(target)) return null;
  const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
  const path = decodeURIComponent(pathPart.split('?')[0]);
  const resolved = path === '' ? file : resolve(dirname(file), path);
  if (resolved !== ROOT && !resolved.startsWith(ROOT + sep)) return `${target}: points outside the repository`;
  if (!existsSync(resolved)) return `${target}: no such file`;
  if (anchor === undefined || anchor === '') return null;
  if (!resolved.endsWith('.md')) return null;
  const anchors = anchorsOf(readFileSync(resolved, 'utf8'));
  return anchors.has(decodeURIComponent(anchor).toLowerCase()) ? null : `${target}: no heading with id #${anchor}`;
}

describe('the checker itself', () => {
  it('finds links and images, skips code, and makes GitHub heading ids', () => {
    const md = [
      '# Title',
      'See [a](docs/a.md#part-one "t") and ![pic](img/x.png), <img src="y.png"> and <a href="z.md">z</a>.',
      '`[not](a-link.md)`',
      '```sh',
      '[also not](b.md)',
      '```',
      '[ref]: ./c.md',
      '## Part one: the **bold** `code`',
      '## Part one: the **bold** `code`',
    ].join('\n');
    expect(linkTargets(md)).toEqual(['docs/a.md#part-one', 'img/x.png', './c.md', 'y.png', 'z.md']);
    expect([...anchorsOf(md)]).toEqual(['title', 'part-one-the-bold-code', 'part-one-the-bold-code-1']);
    expect(headingId('What the lab finds')).toBe('what-the-lab-finds');
    expect(headingId('1.4b Test metrics versus the paper’s t')).toBe('14b-test-metrics-versus-the-papers-t');
  });

  it('reports a missing file, a missing heading and a path outside the repository', () => {
    const readme = join(ROOT, 'README.md');
    expect(problem(readme, 'docs/design.md#1-the-math')).toBeNull();
    expect(problem(readme, 'https://example.org/missing.md')).toBeNull();
    expect(problem(readme, 'docs/no-such-file.md')).toBe('docs/no-such-file.md: no such file');
    expect(problem(readme, 'docs/design.md#no-such-heading')).toBe(
      'docs/design.md#no-such-heading: no heading with id #no-such-heading',
    );
    expect(problem(readme, '../outside.md')).toBe('../outside.md: points outside the repository');
  });
});

describe('README.md and docs/ hold to their own links', () => {
  const files = markdownFiles();

  it('finds the README and the docs', () => {
    expect(files.map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(['README.md', 'docs/design.md']));
  });

  for (const file of files) {
    it(`${relative(ROOT, file)}: every relative link and image resolves`, () => {
      const text = readFileSync(file, 'utf8');
      const bad = linkTargets(text)
        .map((target) => problem(file, target))
        .filter((p): p is string => p !== null);
      expect(bad).toEqual([]);
    });
  }
});
