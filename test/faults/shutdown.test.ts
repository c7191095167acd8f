/**
 * The operator closes the station while a verification is on its way to Progeny. Whatever the
 * server answers in that moment is the only record of the task it created: closing must wait for
 * it (briefly) and write it down, not close the store under the send.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/logger';
import { openSqliteQueue } from '../../main/core/queue/sqlite-queue';
import { createStationCore } from '../../main/core/station-core';
import { signedInSession } from '../support/sign-in';
import { openStore } from '../../main/core/store/open-store';
import { testWrapper } from './fault-station';
import { accept, delayed, startLoopbackProgeny, type LoopbackProgeny } from './loopback-progeny';

const POST = '/services/background_check/';
let server: LoopbackProgeny;
afterEach(() => server.close());

it('closing the station mid-send: the task id Progeny answered is recorded, not lost to "uncertain"', async () => {
  server = await startLoopbackProgeny();
  server.script(POST, delayed(300, accept));
  const dataDir = mkdtempSync(join(tmpdir(), 'station-fault-shutdown-'));
  const core = signedInSession(
    createStationCore({
      dataDir,
      log: silentLogger,
      store: openStore(dataDir, testWrapper()),
      progeny: { startTraining: () => Promise.resolve({ baseUrl: server.baseUrl, credentials: { username: 'training', password: 'training' }, close: () => Promise.resolve() }) },
    }),
  );
  const submitted = await core.dispatch('verification:submit', { service: 'background_check', files: {}, fields: { fullname: 'Closing Person', birth_date: '1990-01-01' } });
  if (!submitted.ok) throw new Error(submitted.error.message);
  await expect.poll(() => server.arrivals.get(POST), { timeout: 5_000 }).toBe(1);
  await core.close();
  // The answer has certainly arrived by now.
  await expect.poll(() => server.tasks.get('Closing Person')).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 50));

  const store = openStore(dataDir, testWrapper());
  const row = openSqliteQueue(store).get((submitted.value as { id: string }).id);
  store.close();
  expect(row).toMatchObject({ state: 'submitted', taskId: [...server.taskItems.keys()][0] });
});
