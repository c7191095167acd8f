/**
 * The sandbox is the other side of the wire: it reads the Progeny docs (progeny-api-spec.ts), never
 * the client's catalog, or no sandbox run could expose a catalog mistake. This guard walks every
 * module the sandbox loads, directly or through other modules of this repository, type-only imports
 * and re-exports included, and fails on the catalog.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SANDBOX = join(ROOT, 'main/sandbox');
const CATALOG = join(ROOT, 'common/services/catalog.ts');

/** Relative specifiers of a source file: imports, `import type`, re-exports and dynamic imports. */
function specifiers(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName).filter((name) => name.startsWith('.'));
}

function resolveModule(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier.replace(/\.(m?js)$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  return null;
}

/** Every repository module reachable from `entries`, with the chain that reaches it. */
function reachable(entries: string[]): Map<string, string[]> {
  const chains = new Map<string, string[]>(entries.map((file) => [file, [file]]));
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const specifier of specifiers(file)) {
      const target = resolveModule(file, specifier);
      if (!target || chains.has(target)) continue;
      chains.set(target, [...chains.get(file)!, target]);
      queue.push(target);
    }
  }
  return chains;
}

const sandboxModules = () =>
  readdirSync(SANDBOX)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(SANDBOX, name));

const chainText = (chain: string[]) => chain.map((file) => relative(ROOT, file)).join(' → ');

describe("sandbox independence from the client's catalog", () => {
  it('no main/sandbox module loads common/services/catalog.ts, directly or through another module', () => {
    const modules = sandboxModules();
    expect(modules.length).toBeGreaterThan(10);
    const chains = reachable(modules);
    const offending = chains.get(CATALOG);
    expect(offending ? chainText(offending) : null).toBeNull();
  });

  // The guard itself must bite: a module reaching the catalog, even for a type or through a helper, is found.
  it.each([["import { SERVICES } from 'CATALOG';"], ["import type { ServiceId } from 'CATALOG';"], ["export { API_PATHS } from 'CATALOG';"], ["export const later = () => import('CATALOG');"]])(
    'finds the catalog behind a helper that says: %s',
    (line) => {
      const dir = mkdtempSync(join(tmpdir(), 'sandbox-independence-'));
      const catalog = relative(dir, CATALOG).replace(/\.ts$/, '');
      writeFileSync(join(dir, 'helper.ts'), line.replace('CATALOG', catalog.startsWith('.') ? catalog : `./${catalog}`));
      writeFileSync(join(dir, 'probe.ts'), "import { x } from './helper';\nexport const y = x;\n");
      const chain = reachable([join(dir, 'probe.ts')]).get(CATALOG);
      expect(chain?.map((file) => file.replace(dir, '<tmp>'))).toEqual(['<tmp>/probe.ts', '<tmp>/helper.ts', CATALOG]);
    },
  );
});
