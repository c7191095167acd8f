import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

interface Entry {
  check: string;
  file: string;
  reason: string;
}

describe('npm run security:electron', () => {
  it('fails on a finding the allowlist does not explain and on an entry that matches nothing, offline', () => {
    const { entries } = JSON.parse(readFileSync(join(ROOT, 'security/electronegativity-allowlist.json'), 'utf8')) as { entries: Entry[] };
    const [dropped, ...kept] = entries;
    const stale: Entry = { check: 'NODE_INTEGRATION_JS_CHECK', file: 'main/hosts/electron/main.ts', reason: 'stale on purpose, SECURITY.md' };
    const dir = mkdtempSync(join(tmpdir(), 'station-allowlist-'));
    try {
      const allowlist = join(dir, 'allowlist.json');
      writeFileSync(allowlist, JSON.stringify({ entries: [...kept, stale] }));
      const run = spawnSync(process.execPath, [join(ROOT, 'scripts/electronegativity.mjs'), '--allowlist', allowlist], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

      expect(run.status).toBe(1);
      const unexplained = run.stdout.split('\n').filter((line) => line.includes('UNEXPLAINED'));
      expect(unexplained).toHaveLength(1);
      expect(unexplained[0]).toContain(`${dropped!.check} ${dropped!.file}:`);
      expect(run.stdout).toContain(`STALE allowlist entry (matches no finding): ${stale.check} ${stale.file}`);
      for (const entry of kept) expect(run.stdout).toContain(`${entry.check} ${entry.file}:`);
      expect(run.stdout).toMatch(/^electronegativity [\d.]+ \(Electron [\d.]+, \d+ checks\): \d+ HIGH, \d+ MEDIUM, \d+ LOW, \d+ INFORMATIONAL; \d+ allowlisted, 1 unexplained, 1 stale, 0 unparsed$/m);
      expect(run.stdout).not.toContain('NETWORK attempt');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
