/**
 * docs/progeny-api.md is where code comments send a reader for the API's facts. Keep those pointers
 * working: every section a comment cites exists, and no comment sends the reader outside the repo
 * (the notes the doc was first written from are not shipped with it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['main', 'common', 'renderer', 'preload', 'bin', 'scripts', 'test'];
const SKIP = new Set(['node_modules', 'generated', 'out']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.has(name)) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs|js)$/.test(name) ? [path] : [];
  });
}

const files = ROOTS.flatMap((root) => sourceFiles(root)).filter((file) => !file.endsWith('progeny-api-doc.test.ts'));
const doc = readFileSync('docs/progeny-api.md', 'utf8');
/** Every "§n" or "§n.m" heading of the doc, including a heading that names two (§4.6 … §4.7). */
const sections = new Set([...doc.matchAll(/^#{2,3} .*$/gm)].flatMap((heading) => [...heading[0].matchAll(/§(\d+(?:\.\d+)?)/g)].map((m) => m[1]!)));

describe('docs/progeny-api.md pointers', () => {
  it('has the numbered sections the code relies on', () => {
    for (const section of ['1.3', '2.2', '3', '4', '4.1', '5', '5.3', '6']) expect(sections, `§${section}`).toContain(section);
  });

  it('every section a source file cites exists', () => {
    const cited: Array<[file: string, section: string]> = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const citation of text.matchAll(/docs\/progeny-api\.md((?:[ ,]*(?:and )?§\d+(?:\.\d+)?(?:[–-]\d+(?:\.\d+)?)?)+)/g)) {
        for (const range of citation[1]!.matchAll(/§(\d+(?:\.\d+)?)(?:[–-](\d+(?:\.\d+)?))?/g)) {
          cited.push([file, range[1]!]);
          if (range[2]) cited.push([file, range[2]]);
        }
      }
    }
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter(([, section]) => !sections.has(section))).toEqual([]);
  });

  it('no comment points outside the repo for the API’s facts', () => {
    const outside = files.filter((file) => /shared\/progeny-api/.test(readFileSync(file, 'utf8')));
    expect(outside).toEqual([]);
  });
});
