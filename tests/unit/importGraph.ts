/**
 * The runtime import graph of src/ as the bundler sees it: static and dynamic imports and
 * re-exports, without type-only ones (TypeScript erases those, so they load nothing). Worker
 * entries (`new Worker(new URL(…))`) are not imports: they start a separate bundle in a worker.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

export interface RuntimeImports {
  /** Files of the repository this file loads. */
  files: string[];
  /** Bare package specifiers it loads (`@tensorflow/tfjs`, `react`…). */
  packages: string[];
}

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(isFile);
}

/** True when the declaration loads nothing at run time (`import type`, or only `type` names). */
function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    const clause = node.exportClause;
    return (
      !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly)
    );
  }
  const clause = node.importClause;
  if (!clause) return false; // import './side-effect'
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const named = clause.namedBindings;
  return !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

const cache = new Map<string, RuntimeImports>();

export function runtimeImports(file: string): RuntimeImports {
  let hit = cache.get(file);
  if (!hit) cache.set(file, (hit = parseImports(file)));
  return hit;
}

function parseImports(file: string): RuntimeImports {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specs: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && !typeOnly(node))
      specs.push((node.moduleSpecifier as ts.StringLiteral).text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) specs.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const files: string[] = [];
  const packages: string[] = [];
  for (const spec of specs) {
    if (!spec.startsWith('.')) packages.push(spec);
    else {
      const hit = resolveRelative(file, spec);
      if (hit) files.push(hit);
    }
  }
  return { files, packages };
}

/**
 * Every path from `entry` through runtime imports to a file that loads a package matching
 * `banned`, as "a → b → c (package)" chains, one per offending file (the first path found).
 */
export function pathsToPackage(entry: string, banned: (pkg: string) => boolean, name: (f: string) => string): string[] {
  const parent = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  const found: string[] = [];
  while (queue.length) {
    const file = queue.shift()!;
    const { files, packages } = runtimeImports(file);
    const hit = packages.find(banned);
    if (hit) {
      const chain: string[] = [];
      for (let f: string | null = file; f; f = parent.get(f) ?? null) chain.unshift(name(f));
      found.push(`${chain.join(' → ')} (${hit})`);
    }
    for (const next of files)
      if (!parent.has(next)) {
        parent.set(next, file);
        queue.push(next);
      }
  }
  return found;
}
