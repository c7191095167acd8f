import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Status } from '../../../../common/contract';
import { DEFAULT_BASE_URL } from '../../../../common/services/catalog';
import { silentLogger } from '../../../../main/core/logger';
import { createProgenyService } from '../../../../main/core/progeny/progeny-service';
import { createStationCore } from '../../../../main/core/station-core';
import { createCredentialVault } from '../../../../main/core/progeny/credential-vault';
import { openSettings } from '../../../../main/core/settings';
import { json, jwt, startFaultServer, type FaultServer } from './fault-server';

let server: FaultServer | null = null;
afterEach(async () => server?.close());

describe('station core with a Progeny service', () => {
  it('starts the training server once, reports TRAINING and goes online after a probe', async () => {
    server = await startFaultServer();
    server.on('/accounts/token/obtain/', json(200, { access: await jwt('access', 300), refresh: await jwt('refresh', 86400) }));
    const startTraining = vi.fn(() => Promise.resolve({ baseUrl: server!.baseUrl, credentials: { username: 'training', password: 'training' }, close: () => Promise.resolve() }));
    const core = createStationCore({ dataDir: mkdtempSync(join(tmpdir(), 'station-core-')), log: silentLogger, progeny: { startTraining } });
    const events: Status[] = [];
    core.bus.on('status:changed', (s) => events.push(s));
    expect(core.status.get()).toMatchObject({ mode: 'training', connectivity: 'unknown' });
    expect(await core.progeny!.probe()).toBe('online');
    expect(startTraining).toHaveBeenCalledOnce();
    // Status events are throttled (at most one per 200 ms, always one after the last change).
    await expect.poll(() => events.at(-1)).toMatchObject({ mode: 'training', connectivity: 'online' });
    expect(server.seen[0]!.body).toContain('training');
    await core.close();
  });

  it('says offline when the live server cannot be reached', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'station-core-'));
    openSettings(dataDir, silentLogger).update({ mode: 'live' });
    const core = createStationCore({
      dataDir,
      log: silentLogger,
      progeny: {
        serverOverride: 'http://127.0.0.1:9/api/v3',
        vault: createCredentialVault({ initial: { username: 'u', password: 'p' } }),
        startTraining: () => Promise.reject(new Error('not in live mode')),
      },
    });
    expect(await core.progeny!.probe()).toBe('offline');
    expect(core.status.get()).toMatchObject({ mode: 'live', connectivity: 'offline' });
    await core.close();
  });
});

describe('a training server that fails to start', () => {
  it('is tried again on the next use rather than failing forever, and never after close', async () => {
    server = await startFaultServer();
    server.on('/accounts/token/obtain/', json(200, { access: await jwt('access', 300), refresh: await jwt('refresh', 86400) }));
    const startTraining = vi
      .fn()
      .mockRejectedValueOnce(new Error('the analysis models could not be loaded'))
      .mockResolvedValue({ baseUrl: server.baseUrl, credentials: { username: 'training', password: 'training' }, close: () => Promise.resolve() });
    const progeny = createProgenyService({ config: { mode: 'training', baseUrl: DEFAULT_BASE_URL, credentials: { get: () => Promise.resolve(null) } }, startTraining, log: silentLogger });
    await expect(progeny.client()).rejects.toThrow(/models could not be loaded/);
    expect(progeny.connectivity).toBe('offline');
    expect(await progeny.probe()).toBe('online');
    expect(startTraining).toHaveBeenCalledTimes(2);

    await progeny.close();
    await expect(progeny.client()).rejects.toMatchObject({ kind: 'cancelled' });
    expect(startTraining).toHaveBeenCalledTimes(2);
  });
});
