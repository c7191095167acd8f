/** `station sandbox`: option errors, start-up errors, a real start and stop, and `--quirks` from the command line. */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/hosts/cli';
import { runSandboxCommand } from '../../../main/hosts/cli/sandbox';
import { ALL_QUIRKS, SANDBOX_QUIRKS } from '../../../main/sandbox/sandbox-quirks';

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

describe('station sandbox --quirks', () => {
  it('--help names and describes every quirk', async () => {
    const { io, out } = capture();
    expect(await runCli(['node', 'station', 'sandbox', '--help'], io)).toBe(0);
    const help = out.join('\n');
    expect(help).toMatch(/--quirks \[names\]/);
    for (const quirk of ALL_QUIRKS) expect(help, quirk).toMatch(new RegExp(`^ +${quirk} +${SANDBOX_QUIRKS[quirk].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  });

  it('exits 2 naming an unknown quirk and the valid ones, before starting anything', async () => {
    const { io, err } = capture();
    expect(await runCli(['node', 'station', 'sandbox', '--quirks', 'pending-202,no-such-quirk'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/^station sandbox: --quirks takes "all" or names from: liveness-path, .* \(unknown: no-such-quirk\)$/);
  });

  it('serves the quirks it was started with, and stops on SIGTERM', async () => {
    const ROOT = resolve(import.meta.dirname, '../../..');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'children', 'station-cli.ts'),
        'sandbox',
        '--port',
        '0',
        '--data',
        mkdtempSync(join(tmpdir(), 'cli-sandbox-')),
        '--quirks',
        'liveness-path,unknown-task-pending',
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.resume();
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      await until(() => out.includes('Press Ctrl+C'), 60_000);
      expect(out).toContain('Quirks: liveness-path, unknown-task-pending (see station sandbox --help)');
      const baseUrl = /^Base URL: (\S+)$/m.exec(out)?.[1];
      // Routing comes before authentication: 404 where nothing is served, 401 where liveness now lives.
      expect((await fetch(`${baseUrl}/services/face_liveness/`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${baseUrl}/services/liveness/`, { method: 'POST' })).status).toBe(401);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toMatch(/Sandbox stopped\.\n$/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
