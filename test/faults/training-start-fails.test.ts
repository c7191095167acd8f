/**
 * The training server cannot start (its engine failed to load): the queue must not spin on the
 * failure. Run in a child process, because a busy loop would also freeze this test's own timers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CHILD = join(import.meta.dirname, 'children', 'training-start-fails.ts');
/** The child needs about two seconds; a frozen one is killed (SIGKILL: a busy loop never runs signal handlers). */
const KILL_AFTER_MS = 6_000;

it('a training server that cannot start: the station keeps answering, and the queued verification waits unharmed', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mkdtempSync(join(tmpdir(), 'station-fault-start-'))], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.once('exit', (c, s) => done([c, s])));
  clearTimeout(killer);
  expect({ code, signal, errors: errors.slice(0, 500) }, 'the station stopped answering after the failed start and had to be killed').toEqual({ code: 0, signal: null, errors: '' });
  const report = JSON.parse(output) as { submitted: { ok: boolean }; queue: { ok: boolean; value: Array<{ state: string }> } };
  expect(report.submitted.ok).toBe(true);
  expect(report.queue.value.map((row) => row.state)).toEqual([expect.stringMatching(/^(ready|retry)$/)]);
}, 15_000);
