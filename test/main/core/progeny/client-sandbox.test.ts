import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgenyClient, type ProgenyClient } from '../../../../main/core/progeny/progeny-client';
import { createProgenyHttp, type ProgenyHttp } from '../../../../main/core/progeny/progeny-http';
import { createTokenManager, fixedCredentials, type Credentials } from '../../../../main/core/progeny/token-manager';
import { startSandbox } from '../../../../main/sandbox/sandbox-server';
import { DEFAULT_TRAINING_USER, type SandboxOptions } from '../../../../main/sandbox/sandbox-types';
import { nodeAnalysis } from '../../analysis/analysis-env';

afterAll(async () => (await nodeAnalysis()).close());

async function setup(options: Partial<SandboxOptions>, credentials: Credentials = DEFAULT_TRAINING_USER) {
  const sandbox = await startSandbox({ dataDir: mkdtempSync(join(tmpdir(), 'station-batch-')), analysis: await nodeAnalysis(), ...options });
  const base = createProgenyHttp({ baseUrl: sandbox.baseUrl });
  const requests: string[] = [];
  const http: ProgenyHttp = (request) => {
    requests.push(request.path);
    return base(request);
  };
  const tokens = createTokenManager({ http, credentials: fixedCredentials(credentials) });
  return { sandbox, requests, tokens, client: createProgenyClient({ http, tokens }) };
}

const screening = (i: number) => ({ files: {}, fields: { fullname: `Customer Number${i}`, birth_date: '1990-01-01' } });

/** Submit and poll one verification; automatic failures (certainly not sent) are retried. */
async function verify(client: ProgenyClient, i: number) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const submitted = await client.submit('background_check', screening(i));
    if (submitted.kind === 'failed' && submitted.error.retry === 'automatic') {
      await new Promise((r) => setTimeout(r, Math.min(submitted.error.details.retryAfterMs ?? 100, 200)));
      continue;
    }
    if (submitted.kind !== 'submitted') return submitted.kind;
    const polled = await client.poll('background_check', submitted.taskId);
    return polled.kind === 'done' ? polled.result.verdict : polled.kind;
  }
  return 'gave-up';
}

async function inBatches<T>(count: number, concurrency: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await run(i);
      }
    }),
  );
  return results;
}

describe('client against the training sandbox', () => {
  it('finishes 50 tasks with a 3-second access TTL: one refresh per expiry, no rotated token reused', async () => {
    const { sandbox, client, requests } = await setup({ accessTtlSeconds: 3, taskDurationMs: 700 });
    const started = Date.now();
    const verdicts = await inBatches(50, 10, (i) => verify(client, i));
    const seconds = (Date.now() - started) / 1000;
    await sandbox.close();
    expect(verdicts.filter((v) => v !== 'verified')).toEqual([]);
    expect(sandbox.stats.posts.background_check).toBe(50);
    expect(sandbox.stats.obtains).toBe(1);
    expect(sandbox.stats.refreshReuses).toBe(0);
    // Tokens are renewed at 80 % of their life: about one refresh per 2.4 s, never one per request.
    expect(sandbox.stats.refreshes).toBeGreaterThanOrEqual(Math.floor(seconds / 3));
    expect(sandbox.stats.refreshes).toBeLessThanOrEqual(Math.ceil(seconds / 2.4) + 1);
    expect(requests.length).toBeGreaterThan(100);
  });

  it('stops at refused credentials: a clear error and no further sign-in attempts', async () => {
    const { sandbox, client, requests, tokens } = await setup({ taskDurationMs: 0 }, { username: 'training', password: 'wrong' });
    const outcomes = await Promise.all(Array.from({ length: 5 }, (_, i) => client.submit('background_check', screening(i))));
    await sandbox.close();
    for (const outcome of outcomes) expect(outcome).toMatchObject({ kind: 'failed', error: { kind: 'credentials-rejected', retry: 'operator' } });
    expect(requests.filter((p) => p.includes('/token/'))).toHaveLength(1);
    expect(requests.filter((p) => p.includes('/services/'))).toHaveLength(0);
    expect(tokens.state).toBe('credentials-rejected');
  });

  it('retries only what certainly was not sent: under 30 % 503s every task exists exactly once', async () => {
    const { sandbox, client } = await setup({ taskDurationMs: 200, failRate: 0.3 });
    const verdicts = await inBatches(20, 5, (i) => verify(client, i));
    await sandbox.close();
    expect(verdicts.filter((v) => v !== 'verified')).toEqual([]);
    expect(sandbox.stats.posts.background_check).toBe(20);
  });
});
