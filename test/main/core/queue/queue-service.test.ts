import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../main/core/logger';
import { createCredentialVault } from '../../../../main/core/progeny/credential-vault';
import { openSettings } from '../../../../main/core/settings';
import { createStationCore } from '../../../../main/core/station-core';
import { passphraseWrapper } from '../../../../main/core/store/keyring';
import { openStore } from '../../../../main/core/store/open-store';
import { startSandbox } from '../../../../main/sandbox/sandbox-server';
import { DEFAULT_TRAINING_USER } from '../../../../main/sandbox/sandbox-types';
import { instantEngine } from '../../../support/instant-engine';
import { signInAsAdmin } from '../../../support/sign-in';

const dir = () => mkdtempSync(join(tmpdir(), 'station-qs-'));

describe('the station core with its queue', () => {
  it('reports the queue through the bridge and drains it in the background, pushing events', async () => {
    const sandbox = await startSandbox({ dataDir: dir(), analysis: instantEngine, taskDurationMs: 100 });
    const dataDir = dir();
    const store = openStore(dataDir, passphraseWrapper('queue service test', { N: 2 ** 14, r: 8, p: 1 }));
    const core = createStationCore({
      dataDir,
      log: silentLogger,
      store,
      progeny: { startTraining: () => Promise.resolve({ baseUrl: sandbox.baseUrl, credentials: DEFAULT_TRAINING_USER, close: () => Promise.resolve() }) },
    });
    await signInAsAdmin(core);
    const events: Array<Record<string, number>> = [];
    core.bus.on('queue:changed', ({ counts }) => events.push(counts));
    expect(await core.dispatch('status:get', undefined)).toMatchObject({ ok: true, value: { queueSize: 0 } });
    const id = core.queue!.queue.enqueue({ service: 'background_check', mode: 'training', operator: 'op', files: {}, fields: { fullname: 'Event Person', birth_date: '1990-01-01' } });
    await expect.poll(() => core.queue!.queue.get(id)?.state, { timeout: 10_000 }).toBe('done');
    expect(events.at(-1)).toMatchObject({ done: 1 });
    expect(await core.dispatch('queue:list', undefined)).toEqual({ ok: true, value: [] });
    expect(await core.dispatch('history:search', { text: 'event person' })).toMatchObject({ ok: true, value: [{ id, verdict: 'verified', subject: { name: 'Event Person' } }] });
    expect(await core.dispatch('history:search', { text: 'x'.repeat(300) })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await core.dispatch('queue:retry', { id: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await core.close();
    await sandbox.close();
  });

  it('says the queue is locked when the store could not be opened, without pretending it is empty', async () => {
    const core = createStationCore({ dataDir: dir(), log: silentLogger });
    // Nobody can even sign in without a store: the page gets "locked", never an empty queue.
    expect(await core.dispatch('queue:list', undefined)).toMatchObject({ ok: false, error: { code: 'station-locked' } });
    expect(await core.dispatchAsHost('queue:list', undefined)).toMatchObject({ ok: false, error: { code: 'store-locked' } });
    expect(core.status.get().queueSize).toBeNull();
    await core.close();
  });
});

describe('offline', () => {
  it('queues 20 verifications while the server is down and sends them all once it is back, unaided', async () => {
    const sandboxDir = dir();
    const first = await startSandbox({ dataDir: sandboxDir, analysis: instantEngine, taskDurationMs: 0 });
    const baseUrl = first.baseUrl;
    await first.close(); // Progeny is down
    const dataDir = dir();
    openSettings(dataDir, silentLogger).update({ mode: 'live', serverUrl: baseUrl });
    const core = createStationCore({
      dataDir,
      log: silentLogger,
      store: openStore(dataDir, passphraseWrapper('offline test passphrase', { N: 2 ** 14, r: 8, p: 1 })),
      progeny: { vault: createCredentialVault({ initial: DEFAULT_TRAINING_USER }), startTraining: () => Promise.reject(new Error('live mode')) },
    });
    const ids = Array.from({ length: 20 }, (_, i) =>
      core.queue!.queue.enqueue({ service: 'background_check', mode: 'live', operator: 'op', files: {}, fields: { fullname: `Offline Queued${i}`, birth_date: '1990-01-01' } }),
    );
    await expect.poll(() => core.status.get().connectivity, { timeout: 10_000 }).toBe('offline');
    expect(core.status.get().queueSize).toBe(20);
    const back = await startSandbox({ dataDir: sandboxDir, port: Number(new URL(baseUrl).port), analysis: instantEngine, taskDurationMs: 0 });
    await expect.poll(() => ids.filter((id) => core.queue!.queue.get(id)?.state === 'done').length, { timeout: 30_000, interval: 250 }).toBe(20);
    expect(back.stats.posts.background_check).toBe(20);
    expect(core.status.get()).toMatchObject({ connectivity: 'online', queueSize: 0 });
    await core.close();
    await back.close();
  }, 45_000);
});
