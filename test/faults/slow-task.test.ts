/**
 * A task Progeny takes long to finish (a slow KYC, a busy partner) must hold back only itself:
 * a verification submitted meanwhile goes out at once, through the whole station core.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger';
import { createStationCore, type StationCore } from '../../main/core/station-core';
import { signedInSession } from '../support/sign-in';
import { openStore } from '../../main/core/store/open-store';
import { testWrapper } from './fault-station';
import { accept, finished, running, startLoopbackProgeny, type LoopbackProgeny } from './loopback-progeny';

const POST = '/services/background_check/';
let server: LoopbackProgeny;
let core: StationCore;
afterEach(async () => {
  await core.close();
  await server.close();
});

const check = (fullname: string) => core.dispatch('verification:submit', { service: 'background_check', files: {}, fields: { fullname, birth_date: '1990-01-01' } });

it('a verification submitted while another is still being polled is sent at once, not after it', async () => {
  server = await startLoopbackProgeny();
  server.script(POST, accept);
  // The first task answers "still running" for several seconds of polls.
  server.script('/services/task/', ...Array.from({ length: 8 }, () => running('STARTED')), finished);
  const dataDir = mkdtempSync(join(tmpdir(), 'station-fault-slow-'));
  core = signedInSession(
    createStationCore({
      dataDir,
      log: silentLogger,
      store: openStore(dataDir, testWrapper()),
      progeny: { startTraining: () => Promise.resolve({ baseUrl: server.baseUrl, credentials: { username: 'training', password: 'training' }, close: () => Promise.resolve() }) },
    }),
  );
  expect(await check('Slow Person')).toMatchObject({ ok: true });
  await expect.poll(() => server.arrivals.get('/services/task/') ?? 0, { timeout: 5_000 }).toBeGreaterThan(0);

  expect(await check('Next Person')).toMatchObject({ ok: true });
  // One queue tick (2 s) of slack; the slow task needs several more seconds.
  await expect.poll(() => server.seen.get('Next Person') ?? 0, { timeout: 2_500 }).toBe(1);

  server.script('/services/task/', finished);
  await expect.poll(() => core.queue!.queue.counts(), { timeout: 10_000 }).toEqual({ done: 2 });
});
