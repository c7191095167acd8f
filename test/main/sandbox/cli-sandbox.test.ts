/** `station sandbox` as runSandboxCommand: option errors, start-up errors, a real start and stop. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSandboxCommand } from '../../../main/hosts/cli-sandbox';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const until = async (condition: () => boolean, ms = 30_000) => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('runSandboxCommand', () => {
  it('exits 2 with a message per bad option', async () => {
    const { io, err } = capture();
    expect(await runSandboxCommand({ port: 0, user: 'nocolon', failRate: 3, latency: -1 }, io)).toBe(2);
    expect(err).toEqual(['station sandbox: --user must look like name:password', 'station sandbox: --latency must be 0 or more milliseconds', 'station sandbox: --fail-rate must be between 0 and 1']);
  });

  it('exits 1 with the reason when the data folder holds an invalid watchlist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-sandbox-'));
    writeFileSync(join(dir, 'watchlist.json'), '[]');
    const { io, err } = capture();
    expect(await runSandboxCommand({ port: 0, data: dir }, io)).toBe(1);
    expect(err.join('\n')).toMatch(/could not start: .*watchlist\.json is not a valid watchlist/);
  });

  it('prints the base URL and credentials, serves them, and stops cleanly', async () => {
    const { io, out } = capture();
    const stop = new AbortController();
    const exit = runSandboxCommand({ port: 0, data: mkdtempSync(join(tmpdir(), 'cli-sandbox-')), user: 'alice:s3cret:with-colon', accessTtl: 60 }, io, stop.signal);
    await until(() => out.some((l) => l.startsWith('Press Ctrl+C')));
    const baseUrl = /^Base URL: (http:\/\/127\.0\.0\.1:\d+\/api\/v3)$/.exec(out.find((l) => l.startsWith('Base URL: ')) ?? '')?.[1];
    expect(baseUrl).toBeDefined();
    expect(out).toContain('Username: alice');
    expect(out).toContain('Password: s3cret:with-colon');
    const body = new FormData();
    body.append('username', 'alice');
    body.append('password', 's3cret:with-colon');
    const reply = await fetch(`${baseUrl}/accounts/token/obtain/`, { method: 'POST', body });
    expect(reply.status).toBe(200);
    stop.abort();
    expect(await exit).toBe(0);
    expect(out.at(-1)).toBe('Sandbox stopped.');
  });
});
